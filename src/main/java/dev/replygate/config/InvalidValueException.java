package dev.replygate.config;

/** A value that cannot be used; the message says why, without naming the key (the caller does). */
final class InvalidValueException extends Exception {

    InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
