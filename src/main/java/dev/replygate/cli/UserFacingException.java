package dev.replygate.cli;

/** A failure whose message is meant for the person at the command line, without a stack trace. */
final class UserFacingException extends RuntimeException {

    private final int exitCode;

    UserFacingException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    UserFacingException(String message) {
        this(message, ExitCodes.FAILURE);
    }

    int exitCode() {
        return exitCode;
    }
}
