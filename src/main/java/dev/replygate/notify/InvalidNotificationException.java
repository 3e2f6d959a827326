package dev.replygate.notify;

/** A notification request that cannot be queued, with what is wrong with it. */
public final class InvalidNotificationException extends RuntimeException {

    public InvalidNotificationException(String message) {
        super(message);
    }

    public InvalidNotificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
