package dev.replygate.mailbox;

import dev.replygate.logging.LogContext;
import dev.replygate.outbound.LeaseOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poller that reads its mailbox only while this process holds the mailbox's lease in the store
 * ({@link MailboxLeases}), renewed every third of the lease while the run lasts and freed after it. When
 * another process reads the mailbox (another node, a {@code run --once} beside the daemon), the run is
 * skipped with one log line: neither a failure nor a success of the mailbox.
 */
final class LeasedPoller implements MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(LeasedPoller.class);

    private final MailboxPoller poller;
    private final MailboxLeases leases;
    private final String owner = LeaseOwner.ofThisProcess().name();

    LeasedPoller(MailboxPoller poller, MailboxLeases leases) {
        this.poller = poller;
        this.leases = leases;
    }

    @Override
    public String mailbox() {
        return poller.mailbox();
    }

    @Override
    public PollReport poll() {
        Optional<MailboxLeases.Holder> other;
        try {
            other = leases.take(mailbox(), owner);
        } catch (RuntimeException e) {
            String failure = "cannot take the mailbox's lease in the store: " + e.getMessage();
            LogContext.mailbox(mailbox()).around(() -> log.warn(failure));
            return new PollReport(mailbox(), 0, 0, 0, 0, 0, Duration.ZERO, Optional.of(failure));
        }
        if (other.isPresent()) {
            poller.close(); // another process reads the mailbox now: nothing of ours stays open on it
            LogContext.mailbox(mailbox()).around(() -> log.info("mailbox {} skipped: another process reads it now"
                    + " ({}, lease until {})", mailbox(), other.get().name(), other.get().until()));
            return new PollReport(mailbox(), 0, 0, 0, 0, 0, Duration.ZERO, Optional.empty());
        }
        AtomicBoolean lost = new AtomicBoolean();
        Thread renewal = new Thread(() -> renewUntilInterrupted(lost), "lease-" + mailbox());
        renewal.setDaemon(true);
        renewal.start();
        try {
            return poller.poll();
        } finally {
            renewal.interrupt();
            joinQuietly(renewal);
            if (lost.get()) {
                poller.close();
            }
            try {
                leases.release(mailbox(), owner);
            } catch (RuntimeException e) {
                log.warn("mailbox {}: cannot free its lease in the store; it ends by itself: {}", mailbox(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        poller.close();
    }

    private void renewUntilInterrupted(AtomicBoolean lost) {
        long every = Math.max(1, leases.lease().toMillis() / 3);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (!leases.renew(mailbox(), owner)) {
                    log.warn("mailbox {}: its lease was taken over by another process while this one read it",
                            mailbox());
                    lost.set(true);
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("mailbox {}: cannot renew its lease in the store: {}", mailbox(), e.getMessage());
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
