package dev.replygate.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The lease on one claimed batch, seen from the deliverer: before each message it must still run for
 * {@code needed} (one message's worst case and a margin), and only when it no longer does is the whole
 * batch's lease renewed, in one transaction; so a batch of quick sends renews about once per
 * {@code lease - needed}, not once per message, and no message starts with less lease than before.
 */
final class BatchLease {

    private final DeliveryQueue queue;
    private final Clock clock;
    private final Duration needed;
    private Set<Long> held;
    /** The lease's end as this process wrote it, or earlier: the clock is read before the store is. */
    private Instant until;

    /** {@code claimedAt}: the clock's time read before the batch was claimed. */
    BatchLease(DeliveryQueue queue, Clock clock, Duration needed, Instant claimedAt, List<ClaimedMessage> batch) {
        this.queue = queue;
        this.clock = clock;
        this.needed = needed;
        this.until = claimedAt.plus(queue.lease());
        this.held = new HashSet<>();
        batch.forEach(message -> held.add(message.item().id()));
    }

    /**
     * Whether item {@code id} is still held, for {@code needed} at least; renews the batch's lease first
     * when less is left. A store failure is thrown: the batch stops, what is not sent yet is not sent.
     */
    boolean covers(long id) {
        Instant now = clock.instant();
        if (now.plus(needed).isAfter(until)) {
            held = queue.renewLeases(held);
            until = now.plus(queue.lease());
        }
        return held.contains(id);
    }
}
