package dev.replygate.outbound;

/** The SMTP server could not be reached or refused the session: no message of the batch can go now. */
final class SmtpConnectException extends Exception {

    SmtpConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
