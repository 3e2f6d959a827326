package dev.replygate.notify;

/** Makes a rendered subject fit a mail header: one line, no control characters, trimmed. */
final class SubjectLine {

    private SubjectLine() {
    }

    static String normalize(String rendered) {
        StringBuilder out = new StringBuilder(rendered.length());
        boolean gap = false;
        for (int i = 0; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                gap = true;
            } else {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                gap = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
