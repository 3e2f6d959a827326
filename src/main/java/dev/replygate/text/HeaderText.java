package dev.replygate.text;

/**
 * Header text without the characters that could split a header or a log line. One rule for what is
 * unsafe (C0 and C1 control characters, DEL, and the Unicode line and paragraph separators), two
 * uses that treat it differently:
 *
 * <ul>
 *   <li>{@link #received} reads text a stranger wrote: each line break becomes a space, other control
 *       characters are dropped (a database stores no NUL), TAB is kept as the white space it is in a
 *       header (RFC 5322 WSP), and the text is left as long as it was otherwise;</li>
 *   <li>{@link #forHeader} writes a value into a header of our own: every run of unsafe characters,
 *       TAB included, becomes one space and the ends are trimmed, so a value is one plain line that can
 *       never end its header and start another (header injection).</li>
 * </ul>
 * Format characters such as the zero-width non-joiner, which Persian needs, are kept by both.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /** Text read from received mail; see the class comment. */
    public static String received(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '\t' || !isUnsafe(text.charAt(i)))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length()).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (breaksLine(c)) {
                cleaned.append(' ');
            } else if (c == '\t' || !isUnsafe(c)) {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    /** A value for a header we write; empty for null. See the class comment. */
    public static String forHeader(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder cleaned = new StringBuilder(value.length());
        boolean inBreak = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isUnsafe(c)) {
                if (!inBreak) {
                    cleaned.append(' ');
                    inBreak = true;
                }
            } else {
                cleaned.append(c);
                inBreak = false;
            }
        }
        return cleaned.toString().strip();
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    private static boolean breaksLine(char c) {
        return c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
