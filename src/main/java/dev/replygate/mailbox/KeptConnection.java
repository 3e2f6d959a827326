package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An IMAP poll's connection, kept open between the runs of one mailbox for at most {@link #KEEP_FOR} of
 * idleness, so that a run (one woken by IDLE above all) does not pay connect, TLS and LOGIN again. One run
 * at a time has it: {@link #take} hands it out and keeps nothing until {@link #giveBack}. A kept connection
 * is tried with a NOOP before it is handed out, and Angus tries its pooled folder connection the same way
 * before reusing it; a broken one is closed and a new one made, so the run does not fail for it. A run
 * that failed, {@link #close} (a reload, the stop, the mailbox's lease gone to another process) and the
 * end of {@link #KEEP_FOR} close it.
 */
final class KeptConnection implements MailConnections {

    /** Far below the 30 minutes of idleness an IMAP server must allow (RFC 9051 §5.4), and a NAT's timeout. */
    static final Duration KEEP_FOR = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(KeptConnection.class);
    /** Closes connections whose idle time is over, for every mailbox: closing never blocks a run. */
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "imap-kept-closer");
        thread.setDaemon(true);
        return thread;
    });

    private final MailboxConfig config;
    private final Duration keepFor;
    /** The connection between runs; null while a run has it, or when none is kept. Guarded by {@code this}. */
    private Store kept;
    private ScheduledFuture<?> expiry;

    KeptConnection(MailboxConfig config) {
        this(config, KEEP_FOR);
    }

    KeptConnection(MailboxConfig config, Duration keepFor) {
        this.config = config;
        this.keepFor = keepFor;
    }

    @Override
    public Store take() throws MessagingException {
        Store store = takeKept();
        if (store != null) {
            if (store.isConnected()) { // IMAPStore: a NOOP on the connection
                return store;
            }
            log.debug("mailbox {}: the kept connection is gone; connecting again", config.name());
            Closing.connection(store);
        }
        return MailSessions.connect(config, properties());
    }

    @Override
    public void giveBack(Store store, boolean healthy) {
        if (store == null) {
            return;
        }
        if (!healthy) {
            Closing.connection(store);
            return;
        }
        Store replaced;
        synchronized (this) {
            replaced = kept;
            cancelExpiry();
            kept = store;
            expiry = CLOSER.schedule(this::expire, keepFor.toMillis(), TimeUnit.MILLISECONDS);
        }
        Closing.connection(replaced);
    }

    @Override
    public void close() {
        Closing.connection(takeKept());
    }

    private synchronized Store takeKept() {
        Store store = kept;
        kept = null;
        cancelExpiry();
        return store;
    }

    private void expire() {
        Store store;
        synchronized (this) {
            store = kept;
            kept = null;
            expiry = null;
        }
        Closing.connection(store);
    }

    private void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
    }

    /**
     * The poll's session settings, with a pool of two connections: the folder's, and the store's for
     * capabilities and the disposition folders, so that neither is logged in again by the next run. A
     * pooled connection is tried with a NOOP before any reuse ({@code servertimeout} 0), and one idle for
     * {@code keepFor} is closed by Angus.
     */
    private Properties properties() {
        Properties properties = MailSessions.properties(config, MailSessions.READ_TIMEOUT);
        properties.setProperty("mail.imap.connectionpoolsize", "2");
        properties.setProperty("mail.imap.connectionpooltimeout", Long.toString(keepFor.toMillis()));
        properties.setProperty("mail.imap.servertimeout", "0");
        return properties;
    }
}
