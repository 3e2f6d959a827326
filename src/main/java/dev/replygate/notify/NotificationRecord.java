package dev.replygate.notify;

import java.time.Instant;

/**
 * A notification replygate created; a reply quoting its Message-ID is a reply to its ticket.
 * {@code ticketKey} is the ticket's access key the portal gave with it (null for none).
 */
public record NotificationRecord(String messageId, long outboxId, String ticketId, String event, String recipient,
                                 String recipientName, String locale, Instant createdAt, String ticketKey) {
}
