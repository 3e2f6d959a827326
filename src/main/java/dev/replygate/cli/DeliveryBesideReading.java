package dev.replygate.cli;

import dev.replygate.app.Replygate;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.OutboxDeliverer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * {@code run --once}'s delivery while the mailboxes are still being read: a thread that delivers everything
 * due each time a full delivery batch of answers was queued since it last did ({@link #answerQueued}), so
 * answers go out while reading goes on instead of after it, each SMTP connection carrying a full batch.
 * Fewer answers wait for the delivery after reading, as before (a small run keeps its old order: read,
 * then deliver). {@link #finish} ends it once reading is done; what is left then is the caller's last
 * delivery.
 */
final class DeliveryBesideReading {

    private static final Logger log = LoggerFactory.getLogger(DeliveryBesideReading.class);

    private final OutboxDeliverer deliverer;
    private final int batchSize;
    private final BooleanSupplier stopped;
    private final Thread thread;
    private int queued;
    private boolean readingDone;
    private DeliveryReport delivered = DeliveryReport.NOTHING;

    private DeliveryBesideReading(OutboxDeliverer deliverer, int batchSize, BooleanSupplier stopped) {
        this.deliverer = deliverer;
        this.batchSize = batchSize;
        this.stopped = stopped;
        this.thread = new Thread(this::deliverUntilReadingDone, "deliver-beside-reading");
    }

    /**
     * Starts the thread; {@code batchSize}: {@code delivery.batch-size}, the answers that wake it. Once
     * {@code stopped} says so, a round ends after the batch going on.
     */
    static DeliveryBesideReading start(OutboxDeliverer deliverer, int batchSize, BooleanSupplier stopped) {
        DeliveryBesideReading delivery = new DeliveryBesideReading(deliverer, batchSize, stopped);
        delivery.thread.setDaemon(true);
        delivery.thread.start();
        return delivery;
    }

    /** A poll committed an answer: a full batch of them wakes the thread. */
    synchronized void answerQueued() {
        queued++;
        if (queued >= batchSize) {
            notifyAll();
        }
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

    /**
     * Waits until a full batch was queued; false once reading is done. (A wake-up that came before its
     * answer's commit only makes a round send less; the answer goes with a later round or the last delivery.)
     */
    private synchronized boolean awaitWork() throws InterruptedException {
        while (queued < batchSize && !readingDone) {
            wait();
        }
        queued = 0;
        return !readingDone;
    }

    /** A failing round (the store is down) waits for the next wake-up; the last delivery tries again. */
    private DeliveryReport deliverQuietly() {
        try {
            return Replygate.deliverAllDue(deliverer, stopped);
        } catch (RuntimeException e) {
            log.warn("delivery beside reading failed ({}); the delivery after reading tries again", e.toString());
            return DeliveryReport.NOTHING;
        }
    }
}
