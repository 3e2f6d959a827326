package dev.replygate.mailbox;

import dev.replygate.logging.LogContext;
import dev.replygate.outbound.LeaseOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

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

    /** In the mailbox's log context: what taking, renewing and freeing its lease and the run's observers log is about it. */
    @Override
    public PollReport poll(BooleanSupplier giveWay) {
        LogContext context = LogContext.mailbox(mailbox());
        try {
            return pollHoldingTheLease(giveWay);
        } finally {
            context.close();
        }
    }

    private PollReport pollHoldingTheLease(BooleanSupplier giveWay) {
        Optional<MailboxLeases.Holder> other;
        try {
            other = leases.take(mailbox(), owner);
        } catch (RuntimeException e) {
            String failure = "cannot take the mailbox's lease in the store: " + e.getMessage();
            log.warn(failure);
            return new PollReport(mailbox(), 0, 0, 0, 0, 0, Duration.ZERO, Optional.of(failure));
        }
        if (other.isPresent()) {
            poller.close(); // another process reads the mailbox now: nothing of ours stays open on it
            log.info("skipped: another process reads the mailbox now ({}, lease until {})", other.get().name(),
                    other.get().until());
            return new PollReport(mailbox(), 0, 0, 0, 0, 0, Duration.ZERO, Optional.empty());
        }
        AtomicBoolean lost = new AtomicBoolean();
        CountDownLatch readingDone = new CountDownLatch(1);
        Thread renewal = new Thread(() -> LogContext.mailbox(mailbox()).around(() -> renewUntil(readingDone, lost)),
                "lease-" + mailbox());
        renewal.setDaemon(true);
        renewal.start();
        try {
            return poller.poll(giveWay);
        } finally {
            // told, never interrupted: an interrupt inside a store write closes H2's file for every stage
            readingDone.countDown();
            joinQuietly(renewal);
            if (lost.get()) {
                poller.close();
            }
            try {
                leases.release(mailbox(), owner);
            } catch (RuntimeException e) {
                log.warn("cannot free the mailbox's lease in the store; it ends by itself: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        poller.close();
    }

    private void renewUntil(CountDownLatch readingDone, AtomicBoolean lost) {
        long every = Math.max(1, leases.lease().toMillis() / 3);
        while (true) {
            try {
                if (readingDone.await(every, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                if (!leases.renew(mailbox(), owner)) {
                    log.warn("the mailbox's lease was taken over by another process while this one read it");
                    lost.set(true);
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("cannot renew the mailbox's lease in the store: {}", e.getMessage());
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
