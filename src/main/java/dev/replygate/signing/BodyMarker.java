package dev.replygate.signing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marker a notification carries in its body, {@code [rg-ref:<signed Message-ID>]}, so that a
 * reply is recognised even when the mail program dropped In-Reply-To and References and the
 * Reply-To token. Only the signature makes a marker count: anyone can type one.
 */
public final class BodyMarker {

    /** At most this many markers are looked at in one text. */
    static final int MAX_MARKERS = 20;
    private static final String PREFIX = "[rg-ref:";
    // Quoting may break the marker after the colon ("> " at a line start); the id itself has no spaces.
    private static final Pattern MARKER = Pattern.compile("\\[rg-ref:[\\s>]*<?([^\\s<>\\[\\]]{1,250}@[^\\s<>\\[\\]]{1,250})>?\\s*]",
            Pattern.CASE_INSENSITIVE);

    private BodyMarker() {
    }

    /** The marker for a notification whose Message-ID (without angle brackets) is {@code messageId}. */
    public static String of(String messageId) {
        if (messageId == null || !messageId.matches("[^\\s<>\\[\\]]+@[^\\s<>\\[\\]]+")) {
            throw new IllegalArgumentException("not a Message-ID: " + messageId);
        }
        return PREFIX + messageId + "]";
    }

    /** The Message-IDs of the markers in {@code text}, in order; none for null. */
    public static List<String> messageIdsIn(String text) {
        List<String> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        Matcher matcher = MARKER.matcher(text);
        while (ids.size() < MAX_MARKERS && matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }
}
