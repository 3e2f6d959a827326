package dev.replygate.outbound;

import dev.replygate.text.HeaderText;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks Message-IDs before they go into a header; some come from mail replygate received. */
final class MessageIds {

    static final int MAX_LENGTH = 250;
    // printable ASCII without whitespace, angle brackets and '@', on both sides of one '@'
    private static final Pattern MSG_ID = Pattern.compile("[!-?A-~&&[^<>@]]+@[!-?A-~&&[^<>@]]+");

    private MessageIds() {
    }

    /** The bare Message-ID (angle brackets and surrounding whitespace removed) when it is usable in a header. */
    static Optional<String> normalize(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.length() <= MAX_LENGTH && MSG_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    static String require(String messageId) {
        return normalize(messageId).orElseThrow(() -> new IllegalArgumentException(
                "not a Message-ID (id-left@id-right, printable ASCII): " + HeaderText.forHeader(messageId)));
    }
}
