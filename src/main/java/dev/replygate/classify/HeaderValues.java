package dev.replygate.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads structured header values the way mail software writes them: comments, parameters, lists. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The value without RFC 5322 comments ({@code (…)}, nested, with quoted-pairs), lower case, stripped. */
    static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && (depth > 0 || quoted) && i + 1 < value.length()) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (c == '"' && depth == 0) {
                quoted = !quoted;
                out.append(c);
            } else if (c == '(' && !quoted) {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString().strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The first token of a value such as {@code auto-replied (vacation); owner-email=x}, lower case:
     * comments dropped, cut at the first {@code ;}, comma or white space.
     */
    static String firstToken(String value) {
        String bare = withoutComments(value);
        int end = 0;
        while (end < bare.length() && !isSeparator(bare.charAt(end))) {
            end++;
        }
        return bare.substring(0, end);
    }

    /** Every token of a comma- or space-separated list, lower case, comments dropped. */
    static List<String> tokens(String value) {
        List<String> out = new ArrayList<>();
        for (String token : withoutComments(value).split("[\\s,;]+")) {
            if (!token.isEmpty()) {
                out.add(token);
            }
        }
        return out;
    }

    private static boolean isSeparator(char c) {
        return c == ';' || c == ',' || Character.isWhitespace(c);
    }
}
