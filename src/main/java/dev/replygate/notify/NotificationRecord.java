package dev.replygate.notify;

import java.time.Instant;

/** A notification replygate created; a reply quoting its Message-ID is a reply to its ticket. */
public record NotificationRecord(String messageId, long outboxId, String ticketId, String event, String recipient,
                                 String recipientName, String locale, Instant createdAt) {
}
