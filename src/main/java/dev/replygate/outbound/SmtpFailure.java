package dev.replygate.outbound;

import dev.replygate.text.HeaderText;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Why one message could not be sent, and whether trying again can help.
 *
 * @param permanent true for a 5xx answer: the server refused this message for good
 * @param text      the server's answer ({@code 550 5.1.1 User unknown}) or what went wrong on the way
 */
record SmtpFailure(boolean permanent, String text) {

    private static final int MAX_DEPTH = 16;

    /**
     * A 5xx reply anywhere in Angus's exception chain (RCPT, MAIL or end of DATA) is permanent; a 4xx
     * reply, a broken connection or a timeout is temporary.
     */
    static SmtpFailure of(MessagingException exception) {
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            int code = returnCode(current);
            if (code >= 400) {
                return new SmtpFailure(code >= 500 && code < 600, serverText(current, code));
            }
            current = next(current);
        }
        return new SmtpFailure(false, describe(exception));
    }

    /** The messages of an exception and its causes, joined, without repeats: what went wrong. */
    static String describe(Throwable exception) {
        List<String> parts = new ArrayList<>();
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            String message = current.getMessage() == null ? current.getClass().getSimpleName()
                    : HeaderText.forHeader(current.getMessage());
            if (parts.stream().noneMatch(part -> part.contains(message))) {
                parts.add(message);
            }
            current = next(current);
        }
        return String.join(": ", parts);
    }

    private static int returnCode(Throwable exception) {
        if (exception instanceof SMTPAddressFailedException failed) {
            return failed.getReturnCode();
        }
        if (exception instanceof SMTPSenderFailedException failed) {
            return failed.getReturnCode();
        }
        if (exception instanceof SMTPSendFailedException failed) {
            return failed.getReturnCode();
        }
        return -1;
    }

    private static String serverText(Throwable exception, int code) {
        String text = exception.getMessage() == null ? "" : HeaderText.forHeader(exception.getMessage());
        return text.startsWith(String.valueOf(code)) ? text : code + " " + text;
    }

    private static Throwable next(Throwable exception) {
        Throwable next = exception instanceof MessagingException messaging ? messaging.getNextException() : null;
        return next != null ? next : exception.getCause() == exception ? null : exception.getCause();
    }
}
