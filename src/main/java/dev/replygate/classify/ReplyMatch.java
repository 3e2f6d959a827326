package dev.replygate.classify;

import java.util.Objects;

/**
 * How a human message was tied to a ticket.
 *
 * @param ticketId              the ticket
 * @param reason                how: {@code signed-message-id}, {@code signed-reply-address},
 *                              {@code body-marker} or {@code subject-pattern:<name>}
 * @param signed                true when a signature of ours proved the match; such a reply is
 *                              answered only at the address its ticket's notification went to.
 *                              A subject pattern is never signed: anyone can write a subject
 * @param notificationMessageId the Message-ID of our notification it answers, when known; else null
 */
public record ReplyMatch(String ticketId, Reason reason, boolean signed, String notificationMessageId) {

    public ReplyMatch {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(reason, "reason");
    }
}
