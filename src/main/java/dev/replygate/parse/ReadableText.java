package dev.replygate.parse;

/** Text as replygate keeps it: LF line ends, no byte order mark, no NUL or other control characters but TAB and LF. */
final class ReadableText {

    private ReadableText() {
    }

    static String tidy(String text) {
        String lines = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
        if (lines.startsWith("\uFEFF")) {
            lines = lines.substring(1);
        }
        int first = 0;
        while (first < lines.length() && allowed(lines.charAt(first))) {
            first++;
        }
        if (first == lines.length()) {
            return lines;
        }
        StringBuilder tidy = new StringBuilder(lines.length()).append(lines, 0, first);
        for (int i = first; i < lines.length(); i++) {
            char c = lines.charAt(i);
            if (allowed(c)) {
                tidy.append(c);
            }
        }
        return tidy.toString();
    }

    private static boolean allowed(char c) {
        return c >= 0x20 ? c != 0x7f : c == '\n' || c == '\t';
    }
}
