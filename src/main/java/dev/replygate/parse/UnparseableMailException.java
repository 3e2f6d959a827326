package dev.replygate.parse;

/**
 * The input cannot be read as a mail at all (empty, no header, a header beyond the limits, or a
 * limit configured as fatal). The message says what was wrong; the caller quarantines the
 * message with it and goes on with the next.
 */
public class UnparseableMailException extends Exception {

    public UnparseableMailException(String message) {
        super(message);
    }

    public UnparseableMailException(String message, Throwable cause) {
        super(message, cause);
    }
}
