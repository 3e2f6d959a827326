package dev.replygate.app;

/**
 * Makes text safe for one log line. Strangers write the subjects, Message-IDs and addresses that
 * replygate logs; a character that ends a line (CR, LF, NEL, the Unicode line and paragraph
 * separators), a terminal escape (ESC and the other C0 and C1 controls) or a bidi control (which
 * makes a terminal show a line in another order than it was written) could make one log line
 * look like several, or like another. Each such character is written as a visible {@code \}{@code uXXXX}.
 * TAB is kept: it ends no line.
 */
final class LogEscapes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogEscapes() {
    }

    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (needsEscape(c)) {
                escaped.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                        .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static boolean needsEscape(char c) {
        if (c < 0x20) {
            return c != '\t';
        }
        return (c >= 0x7f && c <= 0x9f)                      // DEL and the C1 controls, NEL (U+0085) among them
                || c == '\u2028' || c == '\u2029'             // Zl, Zp
                || c == '\u200e' || c == '\u200f' || c == '\u061c'  // LRM, RLM, ALM
                || (c >= '\u202a' && c <= '\u202e')           // bidi embeddings and overrides
                || (c >= '\u2066' && c <= '\u2069');          // bidi isolates
    }
}
