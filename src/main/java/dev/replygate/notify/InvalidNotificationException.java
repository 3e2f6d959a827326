package dev.replygate.notify;

import java.util.Optional;

/** A notification request that cannot be queued, with what is wrong with it and, when one is, which field. */
public class InvalidNotificationException extends RuntimeException {

    private final String field;

    public InvalidNotificationException(String message) {
        this(null, message, null);
    }

    public InvalidNotificationException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** @param field the request's field at fault ({@code ticket}, {@code event}, {@code recipient}, …) */
    public InvalidNotificationException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The request's field at fault: ticket, event, recipient, name, locale, variables or idempotencyKey. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
