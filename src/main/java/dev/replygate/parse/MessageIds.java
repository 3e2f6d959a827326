package dev.replygate.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <id>} tokens of Message-ID, In-Reply-To and References, without the angle brackets
 * and without any folding whitespace inside them; comments, phrases and other junk between
 * tokens are skipped. A field with no bracketed token but a single word holding an {@code @} is
 * taken as that id, as some mail programs write it.
 */
final class MessageIds {

    private MessageIds() {
    }

    static List<String> all(String value) {
        List<String> ids = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = value.indexOf('<', from);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            int nested = value.lastIndexOf('<', close);
            String id = withoutWhitespace(value.substring(nested + 1, close));
            if (!id.isEmpty()) {
                ids.add(id);
            }
            from = close + 1;
        }
        if (ids.isEmpty()) {
            String bare = value.strip();
            if (bare.indexOf('@') > 0 && bare.chars().noneMatch(c -> Character.isWhitespace(c) || c == '<' || c == '>')) {
                ids.add(bare);
            }
        }
        return ids;
    }

    /** The first id of the field, or null. */
    static String first(String value) {
        List<String> ids = all(value);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String withoutWhitespace(String text) {
        StringBuilder id = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                id.append(c);
            }
        }
        return id.toString();
    }
}
