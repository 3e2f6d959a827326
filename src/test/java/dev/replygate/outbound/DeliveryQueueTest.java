package dev.replygate.outbound;

import dev.replygate.store.Dialect;
import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.MutableClock;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DeliveryQueueTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final String THIS_MACHINE = LeaseOwner.ofThisProcess().machine();

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
    void renewingBeforeEachMessageKeepsTheWholeBatchPastItsFirstLease() {
        long first = enqueue(1);
        long second = enqueue(2);
        long third = enqueue(3);
        assertThat(nodeA.claimDue(10)).hasSize(3);

        for (int message = 0; message < 3; message++) {
            clock.advance(LEASE.minusSeconds(1));
            assertThat(nodeA.renewLease(first)).isTrue();
            assertThat(nodeB.claimDue(10)).as("renewed %d lease(s) later", message + 1).isEmpty();
        }
        assertThat(nodeA.markSent(first)).isTrue();

        clock.advance(LEASE.plusSeconds(1));
        assertThat(nodeB.claimDue(10)).as("not renewed for a lease: taken over")
                .extracting(c -> c.item().id()).containsExactly(second, third);
        assertThat(nodeA.renewLease(second)).as("the old holder learns that it lost the item").isFalse();
        assertThat(outbox.find(second).orElseThrow().leaseOwner()).isEqualTo("node-b");
    }

    @Test
    void itemsOfAProcessOfThisMachineThatIsGoneAreReleasedAtTheNextClaim() throws Exception {
        Process finished = new ProcessBuilder(JavaProcess.launcher(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Instant started = finished.info().startInstant().orElse(null);
        assertThat(finished.waitFor(60, TimeUnit.SECONDS)).as("java -version ended").isTrue();
        String dead = new LeaseOwner(THIS_MACHINE, finished.pid(), started, "deadbeef").name();
        long id = enqueue(1);
        enqueue(2);
        assertThat(holder(dead).claimDue(1)).hasSize(1);
        // a system clock has nanoseconds; the store keeps microseconds and rounds
        clock.advance(Duration.ofNanos(999_999_999));

        List<ClaimedMessage> claimed = nodeA.claimDue(10);

        assertThat(claimed).as("released at once, no lease waited for").extracting(c -> c.item().id())
                .containsExactly(id + 1, id);
        OutboxItem released = claimed.get(1).item();
        assertThat(released.attempts()).isEqualTo(2);
        assertThat(released.leaseOwner()).isEqualTo("node-a");
        assertThat(released.lastError()).isEqualTo("released: the process that was sending it (" + dead + ") is gone");
    }

    @Test
    void aNumberNowUsedByAProcessThatStartedAtAnotherTimeIsAHolderThatIsGone() {
        Instant ourStart = ProcessHandle.current().info().startInstant().orElseThrow();
        String earlierHolder = new LeaseOwner(THIS_MACHINE, ProcessHandle.current().pid(),
                ourStart.minus(Duration.ofHours(1)), "0ld0ne00").name();
        long id = enqueue(1);
        holder(earlierHolder).claimDue(1);

        assertThat(nodeA.claimDue(10)).extracting(c -> c.item().id()).containsExactly(id);
    }

    @Test
    void aLiveHolderKeepsItsItemsUntilItsLeaseExpires() {
        List<String> liveHolders = List.of(LeaseOwner.ofThisProcess().name(),
                new LeaseOwner(THIS_MACHINE, ProcessHandle.current().pid(), (java.time.Instant) null, "nostart0").name());
        for (String live : liveHolders) {
            enqueue(liveHolders.indexOf(live));
            assertThat(holder(live).claimDue(1)).hasSize(1);
        }

        assertThat(nodeA.claimDue(10)).as("never released while the process runs").isEmpty();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(nodeA.claimDue(10)).as("a live holder that stopped renewing loses its items").hasSize(2);
    }

    @Test
    void holdersOnOtherMachinesOrNamedInAnotherFormWaitForTheirLease() {
        // pid 2^22 + 1 is above Linux's largest: surely not running, on this machine or another
        List<String> holders = List.of(
                new LeaseOwner("other-host~pid:[4026531836]", 4_194_305, T0, "0ther000").name(),
                new LeaseOwner(THIS_MACHINE + "x", 4_194_305, T0, "0ther000").name(),
                "4194305@" + THIS_MACHINE + "/abcd1234",
                "node-b");
        for (String holder : holders) {
            enqueue(holders.indexOf(holder));
            assertThat(holder(holder).claimDue(1)).hasSize(1);
        }

        assertThat(nodeA.claimDue(10)).isEmpty();
        clock.advance(LEASE.plusSeconds(1));
        assertThat(nodeA.claimDue(10)).hasSize(holders.size());
    }

    private long enqueueTo(int n, String recipient) {
        return db.store.inTransaction(connection -> outbox.enqueue(connection, Entries.answer(n, recipient))).id();
    }

    /**
     * With one deliverer a recipient gets its items in queue order; with a deliverer per node that stays so: an
     * item waits while another deliverer holds one to the same recipient, and goes once that one is done.
     */
    @Test
    void anItemWaitsWhileAnotherDelivererSendsToItsRecipient() {
        long first = enqueueTo(1, "john@customer.test");
        long second = enqueueTo(2, "john@customer.test");
        long other = enqueueTo(3, "mary@customer.test");
        assertThat(nodeA.claimDue(1)).extracting(c -> c.item().id()).containsExactly(first);

        assertThat(nodeB.claimDue(10)).as("john's next item waits for node-a's")
                .extracting(c -> c.item().id()).containsExactly(other);
        assertThat(nodeA.markSent(first)).isTrue();
        assertThat(nodeB.claimDue(10)).extracting(c -> c.item().id()).containsExactly(second);
    }

    /** An item held by a deliverer whose lease ran out holds nothing back: its own lease expired, as its recipient's. */
    @Test
    void anExpiredLeaseHoldsNoRecipientBack() {
        long first = enqueueTo(1, "john@customer.test");
        long second = enqueueTo(2, "john@customer.test");
        assertThat(nodeA.claimDue(1)).hasSize(1);

        clock.advance(LEASE.plusSeconds(1));

        assertThat(nodeB.claimDue(10)).extracting(c -> c.item().id()).containsExactly(first, second);
    }

    /**
     * On PostgreSQL deliverers claiming at the same moment take turns: each comes back with a full batch of its own,
     * not with the few rows the other did not lock first (each node delivers now, so they claim at once often).
     */
    @Test
    void claimsMadeAtOnceEachComeBackFullOnPostgresql() throws Exception {
        assumeTrue(db.store.dialect() == Dialect.POSTGRESQL, "claims take turns on PostgreSQL, the store of several nodes");
        int batch = 20;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 2 * batch; i++) {
                    enqueue(round * 100 + i);
                }
                CountDownLatch start = new CountDownLatch(1);
                Future<List<ClaimedMessage>> a = threads.submit(() -> {
                    start.await();
                    return nodeA.claimDue(batch);
                });
                Future<List<ClaimedMessage>> b = threads.submit(() -> {
                    start.await();
                    return nodeB.claimDue(batch);
                });
                start.countDown();
                assertThat(a.get(30, TimeUnit.SECONDS)).as("round %d, node-a", round).hasSize(batch);
                assertThat(b.get(30, TimeUnit.SECONDS)).as("round %d, node-b", round).hasSize(batch);
                clock.advance(LEASE.multipliedBy(10));
                db.store.inTransaction(connection -> connection.createStatement()
                        .executeUpdate("UPDATE outbox SET state = 'sent', lease_owner = NULL, lease_until = NULL"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private DeliveryQueue holder(String owner) {
        return new DeliveryQueue(db.store, clock, owner, LEASE);
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
