package dev.replygate.inbound;

import dev.replygate.mailbox.BodyRefused;
import dev.replygate.store.StoreException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ParseException;

import java.io.IOException;
import java.security.ProviderException;
import java.sql.SQLException;

/**
 * Tells an outage from a failure of the message itself. An outage (the store or the mail server out of
 * reach, the thread interrupted) says nothing about the message: the run stops and the message is
 * tried again, however often. Anything else (a bug the message sets off, data the store refuses, a
 * server that refuses this message's body while it serves others') would fail the same way every time, so it
 * counts towards quarantining the message. A server that refuses every body ({@code ServerRefusesBodies}, an
 * IOException) is an outage; an address or header value Angus Mail cannot parse ({@link ParseException}, a
 * MessagingException, wrapped when the answer to a stranger's message is composed) is the message's own.
 */
final class Outages {

    /** Causes looked at, at most: a cause chain can be long, or even a cycle. */
    private static final int MAX_DEPTH = 16;

    private Outages() {
    }

    static boolean isOutage(Throwable failure) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof BodyRefused) {
                return false; // the server answers, but not with this message's body
            }
            if (cause instanceof ParseException) {
                return false; // an address or header value of the message's that Angus cannot use: data, no server
            }
            if (cause instanceof StoreException store) {
                return !store.isDataError();
            }
            if (cause instanceof SQLException sql) {
                return !StoreException.isDataError(sql);
            }
            // ProviderException: a security provider (the content hash's NSS, TLS) failed, not the message
            if (cause instanceof IOException || cause instanceof MessagingException
                    || cause instanceof InterruptedException || cause instanceof ProviderException) {
                return true;
            }
        }
        return false;
    }
}
