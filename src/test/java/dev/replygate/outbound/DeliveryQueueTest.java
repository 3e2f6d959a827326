package dev.replygate.outbound;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryQueueTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final TestStore db = new TestStore();
    private final MutableClock clock = new MutableClock(T0);
    private final Outbox outbox = new Outbox(db.store, clock);
    private final DeliveryQueue nodeA = new DeliveryQueue(db.store, clock, "node-a", LEASE);
    private final DeliveryQueue nodeB = new DeliveryQueue(db.store, clock, "node-b", LEASE);

    @AfterEach
    void close() {
        db.close();
    }

    private long enqueue(int n) {
        return db.store.inTransaction(connection -> outbox.enqueue(connection, Entries.notification(n, null))).id();
    }

    @Test
    void claimTakesDueItemsOldestFirstAndCountsTheAttempt() {
        long first = enqueue(1);
        long second = enqueue(2);

        List<ClaimedMessage> claimed = nodeA.claimDue(10);

        assertThat(claimed).extracting(c -> c.item().id()).containsExactly(first, second);
        assertThat(claimed.get(0).item().state()).isEqualTo(OutboxState.SENDING);
        assertThat(claimed.get(0).item().attempts()).isEqualTo(1);
        assertThat(new String(claimed.get(0).rawMessage(), java.nio.charset.StandardCharsets.US_ASCII))
                .contains("Message-ID: <rg.n1@support.example.com>");
        assertThat(nodeB.claimDue(10)).isEmpty();
    }

    @Test
    void claimRespectsTheLimitAndTheNextAttemptTime() {
        long id = enqueue(1);
        enqueue(2);
        enqueue(3);

        assertThat(nodeA.claimDue(2)).hasSize(2);
        assertThat(nodeA.markTemporaryFailure(id, "421 try later", T0.plus(Duration.ofMinutes(1)))).isTrue();
        assertThat(nodeB.claimDue(10)).extracting(c -> c.item().id()).doesNotContain(id).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        List<ClaimedMessage> retried = nodeB.claimDue(10);
        assertThat(retried).extracting(c -> c.item().id()).containsExactly(id);
        assertThat(retried.get(0).item().attempts()).isEqualTo(2);
        assertThat(retried.get(0).item().lastError()).isEqualTo("421 try later");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderCanNoLongerRecord() {
        long id = enqueue(1);
        assertThat(nodeA.claimDue(10)).hasSize(1);

        clock.advance(LEASE);
        assertThat(nodeB.claimDue(10)).as("lease not yet expired").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(nodeB.claimDue(10)).extracting(c -> c.item().id()).containsExactly(id);

        assertThat(nodeA.markTemporaryFailure(id, "late", clock.instant())).isFalse();
        assertThat(nodeA.markFailed(id, "late")).isFalse();
        assertThat(nodeA.markSent(id)).isFalse();
        assertThat(nodeB.markSent(id)).isTrue();
        OutboxItem item = outbox.find(id).orElseThrow();
        assertThat(item.state()).isEqualTo(OutboxState.SENT);
        assertThat(item.sentAt()).isEqualTo(clock.instant());
        assertThat(item.attempts()).isEqualTo(2);
    }

    @Test
    void markFailedKeepsTheServersText() {
        long id = enqueue(1);
        nodeA.claimDue(1);

        assertThat(nodeA.markFailed(id, "550 5.1.1 <customer1@example.org>: User unknown\r\n")).isTrue();

        OutboxItem item = outbox.find(id).orElseThrow();
        assertThat(item.state()).isEqualTo(OutboxState.FAILED);
        assertThat(item.lastError()).isEqualTo("550 5.1.1 <customer1@example.org>: User unknown");
        assertThat(nodeA.claimDue(10)).isEmpty();
    }

    @Test
    void processOwnerNamesAreUniqueAndFitTheColumn() {
        String first = DeliveryQueue.processOwnerName();

        assertThat(first).isNotEqualTo(DeliveryQueue.processOwnerName()).hasSizeLessThanOrEqualTo(200)
                .contains(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void concurrentClaimersNeverShareAnItem() throws Exception {
        for (int i = 0; i < 200; i++) {
            enqueue(i);
        }
        int claimers = 6;
        ExecutorService threads = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        List<Long> claimedIds = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < claimers; t++) {
                DeliveryQueue queue = new DeliveryQueue(db.store, clock, "node-" + t, LEASE);
                runs.add(threads.submit(() -> {
                    start.await();
                    List<ClaimedMessage> batch;
                    while (!(batch = queue.claimDue(7)).isEmpty()) {
                        batch.forEach(c -> claimedIds.add(c.item().id()));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(claimedIds).hasSize(200).doesNotHaveDuplicates();
    }
}
