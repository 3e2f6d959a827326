package dev.replygate.mailbox;

import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;

/** One-line descriptions of failures for logs and reports. */
final class Failures {

    private Failures() {
    }

    /** The exception's message, with the cause's when that says more: "Connection refused" under "couldn't connect". */
    static String describe(Exception e) {
        if (e instanceof FolderNotFoundException missing && missing.getFolder() != null) {
            return "folder " + missing.getFolder().getFullName() + " does not exist";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e instanceof MessagingException messaging && messaging.getNextException() != null
                ? messaging.getNextException() : e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += ": " + cause.getMessage();
        }
        return message;
    }
}
