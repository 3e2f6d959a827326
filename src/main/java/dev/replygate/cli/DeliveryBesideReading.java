package dev.replygate.cli;

import dev.replygate.app.Replygate;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.OutboxDeliverer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * {@code run --once}'s delivery while the mailboxes are still being read: a thread that delivers everything
 * due each time a poll queued an answer ({@link #answerQueued}), so answers go out while reading goes on
 * instead of after it. Wake-ups coming while it delivers fold into one more round. {@link #finish} ends it
 * once reading is done; what is left then is the caller's last delivery.
 */
final class DeliveryBesideReading {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBesideReading.class);
    /**
     * It also looks at the outbox this often without a wake-up: an answer whose wake-up came before its
     * transaction committed is not left for the end.
     */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

    private final OutboxDeliverer deliverer;
    private final Thread thread;
    private boolean wanted;
    private boolean readingDone;
    private DeliveryReport delivered = DeliveryReport.NOTHING;

    private DeliveryBesideReading(OutboxDeliverer deliverer) {
        this.deliverer = deliverer;
        this.thread = new Thread(this::deliverUntilReadingDone, "deliver-beside-reading");
    }

    static DeliveryBesideReading start(OutboxDeliverer deliverer) {
        DeliveryBesideReading delivery = new DeliveryBesideReading(deliverer);
        delivery.thread.setDaemon(true);
        delivery.thread.start();
        return delivery;
    }

    /** A poll committed an answer: deliver soon. */
    synchronized void answerQueued() {
        wanted = true;
        notifyAll();
    }

    /** Reading is done: lets the round in progress end, stops, and returns what was delivered. */
    DeliveryReport finish() throws InterruptedException {
        synchronized (this) {
            readingDone = true;
            notifyAll();
        }
        thread.join();
        synchronized (this) {
            return delivered;
        }
    }

    private void deliverUntilReadingDone() {
        try {
            while (awaitWork()) {
                DeliveryReport report = deliverQuietly();
                synchronized (this) {
                    delivered = delivered.plus(report);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a wake-up (or {@link #LOOK_AGAIN}); false once reading is done. */
    private synchronized boolean awaitWork() throws InterruptedException {
        if (!wanted && !readingDone) {
            wait(LOOK_AGAIN.toMillis());
        }
        wanted = false;
        return !readingDone;
    }

    /** A failing round (the store is down) waits for the next wake-up; the last delivery tries again. */
    private DeliveryReport deliverQuietly() {
        try {
            return Replygate.deliverAllDue(deliverer);
        } catch (RuntimeException e) {
            log.warn("delivery beside reading failed ({}); the delivery after reading tries again", e.toString());
            return DeliveryReport.NOTHING;
        }
    }
}
