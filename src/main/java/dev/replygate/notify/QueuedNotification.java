package dev.replygate.notify;

/**
 * What {@link NotificationService#queue} did.
 *
 * @param outboxId  the outbox item that delivers it
 * @param messageId its Message-ID, without angle brackets
 * @param locale    the locale of the templates used (after fallback)
 * @param created   false when the idempotency key had already queued it
 */
public record QueuedNotification(long outboxId, String messageId, String locale, boolean created) {
}
