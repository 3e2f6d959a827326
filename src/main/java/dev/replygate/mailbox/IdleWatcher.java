package dev.replygate.mailbox;

import dev.replygate.config.Durations;
import dev.replygate.config.MailboxConfig;
import dev.replygate.logging.LogContext;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waits for new mail in an IMAP folder with IDLE on a connection of its own, and calls
 * {@code onNewMail} when some arrives (the scheduler then runs the mailbox's poll early; the
 * regular poll stays as the fallback). IDLE is renewed every {@link #RENEW_AFTER}; a lost
 * connection is made again after a bounded backoff, and {@code onNewMail} is called then too, as
 * mail may have arrived meanwhile. A server without IDLE ends the watcher (polling goes on).
 *
 * <p>It connects only while this process has the mailbox's {@link IdleTurn} (with several nodes, the one
 * holding its IDLE lease): it asks for the turn again every {@link IdleTurn#recheck}, stops IDLE and
 * disconnects when the turn went to another process (or the store cannot tell), and waits for it again.
 * A watcher that gets the turn calls {@code onNewMail} at once: mail may have come while nobody watched.
 */
public final class IdleWatcher implements AutoCloseable {

    static final Duration RENEW_AFTER = Duration.ofMinutes(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration STOP_NUDGE = Duration.ofMillis(250);
    private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

    private final MailboxConfig config;
    private final Runnable onNewMail;
    private final IdleTurn turn;
    private final Duration renewAfter;
    private final ReconnectBackoff backoff;
    private final Thread thread;
    private final ScheduledExecutorService renewer;
    private volatile boolean running;
    private volatile boolean idling;
    private boolean connectedBefore;
    /** The turn went to another process (or could not be renewed) while this one idled. */
    private volatile boolean turnLost;
    private volatile IMAPFolder current;
    private final AtomicInteger idlesStarted = new AtomicInteger();

    public IdleWatcher(MailboxConfig config, Runnable onNewMail) {
        this(config, onNewMail, IdleTurn.always());
    }

    /** A watcher that idles only while this process has {@code turn} of the mailbox. */
    public IdleWatcher(MailboxConfig config, Runnable onNewMail, IdleTurn turn) {
        this(config, onNewMail, turn, RENEW_AFTER, new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5)));
    }

    IdleWatcher(MailboxConfig config, Runnable onNewMail, Duration renewAfter, ReconnectBackoff backoff) {
        this(config, onNewMail, IdleTurn.always(), renewAfter, backoff);
    }

    IdleWatcher(MailboxConfig config, Runnable onNewMail, IdleTurn turn, Duration renewAfter,
                ReconnectBackoff backoff) {
        if (config.protocol() != MailboxConfig.Protocol.IMAP) {
            throw new IllegalArgumentException("mailbox " + config.name() + " is not an IMAP mailbox");
        }
        this.config = config;
        this.onNewMail = onNewMail;
        this.turn = turn;
        this.renewAfter = renewAfter;
        this.backoff = backoff;
        this.thread = new Thread(() -> LogContext.mailbox(config.name()).around(this::watch),
                "idle-" + config.name());
        this.thread.setDaemon(true);
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread renewing = new Thread(() -> LogContext.mailbox(config.name()).around(task),
                    "idle-renew-" + config.name());
            renewing.setDaemon(true);
            return renewing;
        });
    }

    /** Starts watching in a thread of its own. */
    public void start() {
        running = true;
        thread.start();
    }

    /** True while an IDLE command is waiting on the server. */
    public boolean isIdling() {
        return idling;
    }

    /** How many IDLE commands were started: one per renewal, notification or connection. */
    int idlesStarted() {
        return idlesStarted.get();
    }

    /** True until the watcher stopped: closed, or the server has no IDLE. */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Ends the IDLE and the connection; waits at most {@link #STOP_WAIT} for the thread to end. */
    @Override
    public void close() {
        LogContext.mailbox(config.name()).around(this::stop);
    }

    private void stop() {
        running = false;
        thread.interrupt();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        try {
            // IDLE may begin just after a nudge, so nudge until the thread is gone.
            while (thread.isAlive() && System.nanoTime() < deadline) {
                renewer.execute(this::endIdle);
                thread.join(STOP_NUDGE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException e) {
            log.debug("IDLE renewer already stopped");
        } finally {
            renewer.shutdownNow();
        }
        if (thread.isAlive()) {
            log.warn("the IDLE connection did not close within {}; it ends at its next read timeout",
                    Durations.format(STOP_WAIT));
        }
        try {
            turn.release(config.name());
        } catch (RuntimeException e) {
            log.warn("cannot free the mailbox's IDLE lease in the store; it ends by itself: {}",
                    e.getMessage());
        }
    }

    private void watch() {
        boolean waited = false;
        while (running) {
            if (!holdsTurn()) {
                if (!waited) {
                    log.info("another node watches the mailbox with IDLE; this one takes over when that"
                            + " node stops");
                }
                waited = true;
                if (!sleep(turn.recheck().orElse(RENEW_AFTER))) {
                    break;
                }
                continue;
            }
            if (waited) {
                log.info("IDLE on this node now");
                waited = false;
                newMail(); // nobody watched for a while
            }
            try {
                if (!watchOnce()) {
                    running = false;
                }
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                Duration wait = backoff.next();
                log.warn("IDLE connection lost ({}); connecting again in {}",
                        Failures.describe(e), Durations.formatRounded(wait));
                if (!sleep(wait)) {
                    break;
                }
            }
        }
        log.debug("IDLE watcher stopped");
    }

    /** Whether this process has the turn; false, with a log line, when the store cannot tell. */
    private boolean holdsTurn() {
        try {
            return turn.hold(config.name());
        } catch (RuntimeException e) {
            log.warn("cannot take or renew the mailbox's IDLE lease in the store: {}",
                    e.getMessage());
            return false;
        }
    }

    /**
     * Connects and idles until stopped, the turn is lost or the connection fails; false when the server has
     * no IDLE.
     */
    private boolean watchOnce() throws MessagingException {
        IMAPStore store = (IMAPStore) MailSessions.connect(config, renewAfter.plus(MailSessions.READ_TIMEOUT));
        IMAPFolder folder = null;
        turnLost = false;
        ScheduledFuture<?> turnCheck = turn.recheck().map(every -> renewer.scheduleWithFixedDelay(this::checkTurn,
                every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS)).orElse(null);
        try {
            if (!store.hasCapability("IDLE")) {
                log.info("the server does not offer IDLE; new mail is found by polling only");
                return false;
            }
            folder = (IMAPFolder) store.getFolder(config.folder());
            folder.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent event) {
                    newMail();
                }
            });
            folder.open(Folder.READ_ONLY);
            current = folder;
            backoff.reset();
            if (connectedBefore) {
                newMail();
            }
            connectedBefore = true;
            while (running && !turnLost) {
                idleOnce(folder);
            }
            return true;
        } finally {
            if (turnCheck != null) {
                turnCheck.cancel(false);
            }
            current = null;
            Closing.folder(folder);
            Closing.connection(store);
        }
    }

    private void idleOnce(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> renewal = renewer.schedule(this::endIdle, renewAfter.toMillis(), TimeUnit.MILLISECONDS);
        idling = true;
        idlesStarted.incrementAndGet();
        try {
            folder.idle(true);
        } finally {
            idling = false;
            renewal.cancel(false);
        }
    }

    /** Renews the turn while idling; when it is lost, ends the IDLE so that the connection closes. */
    private void checkTurn() {
        if (!holdsTurn()) {
            log.debug("the IDLE turn went to another process; IDLE stops");
            turnLost = true;
            endIdle();
        }
    }

    /** Ends a running IDLE: any command on the folder from another thread sends DONE first. */
    private void endIdle() {
        IMAPFolder folder = current;
        if (folder == null) {
            return;
        }
        try {
            folder.doCommand(protocol -> null);
        } catch (MessagingException | RuntimeException e) {
            log.debug("ending IDLE: {}", e.toString());
        }
    }

    private void newMail() {
        try {
            onNewMail.run();
        } catch (RuntimeException e) {
            log.warn("the new-mail callback failed", e);
        }
    }

    private boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
