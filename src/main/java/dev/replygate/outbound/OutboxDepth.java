package dev.replygate.outbound;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox at one moment.
 *
 * @param byState       how many items are queued, sending and failed (sent ones are not counted)
 * @param oldestWaiting when the oldest item not yet sent (queued or sending) was queued; empty when none is
 */
public record OutboxDepth(Map<OutboxState, Long> byState, Optional<Instant> oldestWaiting) {

    public OutboxDepth {
        byState = Map.copyOf(byState);
    }
}
