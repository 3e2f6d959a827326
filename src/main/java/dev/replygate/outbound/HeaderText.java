package dev.replygate.outbound;

/**
 * Makes caller-supplied text safe for a header value: a header can never carry CR or LF, so that no
 * value can end its header and start another (header injection).
 */
final class HeaderText {

    private HeaderText() {
    }

    /**
     * Replaces every run of line breaks and other control characters (CR, LF, TAB, NUL, NEL, the
     * Unicode line and paragraph separators…) with one space and trims the ends. Format characters
     * such as the zero-width non-joiner, which Persian needs, are kept.
     */
    static String clean(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder cleaned = new StringBuilder(value.length());
        boolean inBreak = false;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (breaksLine(codePoint)) {
                if (!inBreak) {
                    cleaned.append(' ');
                    inBreak = true;
                }
            } else {
                cleaned.appendCodePoint(codePoint);
                inBreak = false;
            }
        }
        return cleaned.toString().strip();
    }

    private static boolean breaksLine(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
