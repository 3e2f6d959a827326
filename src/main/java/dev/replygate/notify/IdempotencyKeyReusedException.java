package dev.replygate.notify;

/**
 * The idempotency key already queued a different notification (another ticket, event or recipient),
 * or is not a notification's key at all: nothing is queued, and the first one stands.
 */
public final class IdempotencyKeyReusedException extends InvalidNotificationException {

    public IdempotencyKeyReusedException(String message) {
        super("idempotencyKey", message, null);
    }
}
