package dev.replygate.outbound;

import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch's lease is renewed only when what is left would not cover the next message, never later. */
class BatchLeaseTest {

    private static final Instant T0 = DeliveryHarness.T0;
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** What must be left before each message: the lease minus one minute of quick sends. */
    private static final Duration NEEDED = Duration.ofMinutes(4);

    private final DeliveryHarness harness = new DeliveryHarness();
    private final MutableClock clock = harness.clock;
    private final DeliveryQueue nodeA = new DeliveryQueue(harness.db.store, clock, "node-a", LEASE);
    private final DeliveryQueue nodeB = new DeliveryQueue(harness.db.store, clock, "node-b", LEASE);

    @AfterEach
    void close() {
        harness.close();
    }

    private long enqueue(int n) {
        return harness.enqueue(Entries.notification(n, null));
    }

    @Test
    void quickSendsRenewOnceAMinuteAndEveryMessageStartsWithWhatItNeeds() {
        long first = enqueue(1);
        long second = enqueue(2);
        long third = enqueue(3);
        List<ClaimedMessage> batch = nodeA.claimDue(10);
        BatchLease lease = new BatchLease(nodeA, clock, NEEDED, T0, batch);

        assertThat(lease.covers(first)).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(lease.covers(second)).isTrue();
        assertThat(leaseUntil(second)).as("a full minute of lease beyond what is needed: not renewed")
                .isEqualTo(T0.plus(LEASE));

        clock.advance(Duration.ofSeconds(31));
        assertThat(lease.covers(third)).isTrue();
        assertThat(leaseUntil(third)).as("less than needed was left: the whole batch renewed")
                .isEqualTo(clock.instant().plus(LEASE));
        assertThat(leaseUntil(second)).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    void anItemTakenOverWhileThisProcessStalledIsNotCoveredAndTheOthersStay() {
        long first = enqueue(1);
        long second = enqueue(2);
        BatchLease lease = new BatchLease(nodeA, clock, NEEDED, T0, nodeA.claimDue(10));
        assertThat(lease.covers(first)).isTrue();
        assertThat(nodeA.markSent(first)).isTrue();

        clock.advance(LEASE.plusSeconds(1)); // node-a stalled longer than its lease
        assertThat(nodeB.claimDue(10)).extracting(c -> c.item().id()).containsExactly(second);

        assertThat(lease.covers(second)).as("node-b holds it now: node-a must not send it").isFalse();
        assertThat(harness.item(second).leaseOwner()).isEqualTo("node-b");
    }

    private Instant leaseUntil(long id) {
        return harness.item(id).leaseUntil();
    }
}
