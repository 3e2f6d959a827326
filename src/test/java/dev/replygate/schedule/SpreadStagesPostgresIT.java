package dev.replygate.schedule;

import dev.replygate.store.Store;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, point 3: mailboxes whose backlogs are read in parts (each run asks for the stage's next one, as a poll
 * run that stopped at its {@code batches-per-run} does) are shared among the live nodes, each node holding at most
 * ceil(spread stages / live nodes) of their runs at once, while a node alone runs them all and the other stages
 * (delivery) are taken as before. Each node here is a Quartz instance of its own on one PostgreSQL store.
 */
class SpreadStagesPostgresIT {

    /** Long: no node is declared dead during a test; a stopped node removes its row itself. */
    private static final Duration CHECK_IN = Duration.ofSeconds(60);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /**
     * Below Quartz's own idle wait (24–30 s), after which an idle node used to find by chance a part the busy
     * node had asked for: the idle node must take parts because the busy one leaves them.
     */
    private static final Duration HANDOVER = Duration.ofSeconds(15);
    private static final List<String> MAILBOXES = List.of("poll-box1", "poll-box2", "poll-box3");
    /**
     * A part's work: long beside the moment between a part's end and the next part's acquisition, as a mailbox's
     * part of 100s of messages is, so that an idle node rarely finds a part waiting by chance.
     */
    private static final long PART_MILLIS = 250;
    /** A part far longer than {@link #HANDOVER}, as a part of 1 000 messages is at a quarter core. */
    private static final Duration LONG_PART = Duration.ofSeconds(90);
    private static final long STEP_MILLIS = 100;

    private PostgresDatabase database;
    private Store store;
    private final Parts parts = new Parts();

    @BeforeEach
    void open() {
        database = PostgresServer.shared().createDatabase("spread");
        store = Store.open(database.storeConfig());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anIdleNodeTakesPartsOfTheBacklogsAndNeitherHoldsMoreThanItsShare() {
        try (StageScheduler a = node("node-a")) {
            a.start();
            await().atMost(LIMIT).until(() -> parts.mostAtOnce("node-a") == MAILBOXES.size());

            try (StageScheduler b = node("node-b")) {
                b.start();
                await().atMost(HANDOVER).until(() -> parts.runs("node-b") >= 3);
                parts.forgetMost();
                int aBefore = parts.runs("node-a");
                int bBefore = parts.runs("node-b");
                await().atMost(LIMIT).until(() -> parts.runs("node-a") >= aBefore + 10
                        && parts.runs("node-b") >= bBefore + 10);

                assertThat(parts.mostAtOnce("node-a")).as("ceil(3 mailboxes / 2 nodes) on node-a").isLessThanOrEqualTo(2);
                assertThat(parts.mostAtOnce("node-b")).as("ceil(3 mailboxes / 2 nodes) on node-b").isLessThanOrEqualTo(2);
                parts.stopAsking();
            }
        }
        assertThat(parts.overlaps()).as("a mailbox's parts never ran at once").isZero();
    }

    @Test
    void aNodeAtItsShareStillRunsDeliveryAndTakesEveryPartAgainOnceItIsAlone() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        try (StageScheduler a = node("node-a")) {
            StageWakeUp delivery = new StageWakeUp(a, "deliver-outbox");
            a.every("deliver-outbox", Duration.ofHours(1), () -> {
                delivery.begun();
                deliveries.incrementAndGet();
            });
            liveNode("node-z"); // a node that checks in and takes nothing
            a.start();
            await().atMost(LIMIT).until(() -> deliveries.get() == 1 && parts.runs("node-a") >= 20
                    && parts.mostAtOnce("node-a") >= 2);

            assertThat(parts.mostAtOnce("node-a")).as("ceil(3 mailboxes / 2 live nodes)").isEqualTo(2);
            delivery.ask();
            await().atMost(LIMIT).until(() -> deliveries.get() == 2);
            assertThat(parts.mostAtOnce("node-a")).as("still its share while node-z is live").isEqualTo(2);

            sql("DELETE FROM qrtz_scheduler_state WHERE instance_name = 'node-z'");
            await().atMost(LIMIT).until(() -> parts.mostAtOnce("node-a") == MAILBOXES.size());
            assertThat(parts.mailboxesRun()).containsExactlyInAnyOrderElementsOf(MAILBOXES);
            parts.stopAsking();
        }
    }

    @Test
    void aNodeThatStopsRemovesItsCheckInSoTheOthersTakeItsShareAtOnce() throws Exception {
        try (StageScheduler a = node("node-a")) {
            a.start();
            try (StageScheduler b = node("node-b")) {
                b.start();
                await().atMost(LIMIT).until(() -> parts.runs("node-b") >= 3);
                assertThat(checkedIn()).containsExactlyInAnyOrder("node-a", "node-b");
            }
            assertThat(checkedIn()).as("node-b's row went as it stopped").containsExactly("node-a");
            parts.forgetMost();
            // with node-b counted live until declared dead (45 s of its 60 s check-in), node-a would hold 2 at most
            await().atMost(LIMIT).until(() -> parts.mostAtOnce("node-a") == MAILBOXES.size());
            parts.stopAsking();
        }
    }

    /**
     * A node that took every mailbox's run while it was alone (it started first) holds more than its share once
     * another node checks in: its runs beyond the share end between two steps (a poll between two batches) and
     * the node that joined takes those mailboxes then, not when the long parts going on end.
     */
    @Test
    void runsBeyondTheShareOfANodeThatWasAloneGiveWayToANodeThatJoins() {
        List<String> four = List.of("poll-box1", "poll-box2", "poll-box3", "poll-box4");
        LongParts longParts = new LongParts();
        aThenB(longParts, longPartsNode("node-a", four, four, longParts),
                () -> await().atMost(LIMIT).until(() -> longParts.running("node-a") == 4),
                () -> longPartsNode("node-b", four, four, longParts), () -> {
                    // a part lasts LONG_PART: without giving way, node-b would have nothing to run until then
                    await().atMost(HANDOVER).until(() -> longParts.running("node-b") == 2);
                    assertThat(longParts.gaveWay("node-a")).as("node-a held 4, its share is 2").isEqualTo(2);
                    assertThat(longParts.running("node-a")).isEqualTo(2);
                    assertThat(longParts.gaveWay("node-b")).as("node-b holds its share").isZero();
                });
        assertThat(longParts.overlaps()).as("a mailbox's parts never ran at once").isZero();
    }

    /**
     * Two mailboxes of four have a backlog, and the node that read them alone holds both: once another node checks
     * in, the share counts the mailboxes with mail to read (2 among 2 nodes: 1 each), not the four configured, and
     * one of the two runs gives way to the node that joined.
     */
    @Test
    void theShareCountsTheMailboxesWithMailToReadNotEveryMailbox() {
        List<String> four = List.of("poll-box1", "poll-box2", "poll-box3", "poll-box4");
        List<String> withBacklog = List.of("poll-box1", "poll-box2");
        LongParts longParts = new LongParts();
        aThenB(longParts, longPartsNode("node-a", four, withBacklog, longParts),
                () -> await().atMost(LIMIT).until(() -> longParts.running("node-a") == 2
                        && longParts.ran("poll-box3") && longParts.ran("poll-box4")),
                () -> longPartsNode("node-b", four, withBacklog, longParts), () -> {
                    await().atMost(HANDOVER).until(() -> longParts.running("node-b") == 1);
                    assertThat(longParts.gaveWay("node-a")).isEqualTo(1);
                    assertThat(longParts.running("node-a")).isEqualTo(1);
                });
        assertThat(longParts.overlaps()).as("a mailbox's parts never ran at once").isZero();
    }

    /**
     * Nodes started together: for a moment after it starts a node takes no more than half the mailboxes' runs, so
     * the node that finds the others checked in a moment later still finds half of them for itself and no run has
     * to give way. (The first node's moment is made long here: the second may take seconds to start on a busy
     * machine.)
     */
    @Test
    void aNodeThatStartsTakesHalfTheMailboxesForAMomentSoANodeStartedWithItFindsItsShare() {
        List<String> four = List.of("poll-box1", "poll-box2", "poll-box3", "poll-box4");
        LongParts longParts = new LongParts();
        aThenB(longParts, longPartsNode("node-a", four, four, Duration.ofHours(1), Duration.ofSeconds(60), longParts),
                () -> await().during(Duration.ofSeconds(2)).atMost(LIMIT)
                        .until(() -> longParts.running("node-a") == 2),
                () -> longPartsNode("node-b", four, four, longParts), () -> {
                    await().atMost(HANDOVER).until(() -> longParts.running("node-b") == 2);
                    assertThat(longParts.running("node-a")).isEqualTo(2);
                    assertThat(longParts.gaveWay("node-a") + longParts.gaveWay("node-b")).isZero();
                });
    }

    /**
     * A node has checked in and not yet taken the runs due for it (the moment between its check-in and its first
     * firings; here it never takes them): those runs are work to share, so the node holding its share of four
     * mailboxes' runs, two, gives none of them way. Counting the runs going on only, it counted two of them, found a
     * share of one and gave one way (once in about five runs of the test above).
     */
    @Test
    void runsDueForANodeThatHasJustCheckedInCountAsWorkToShare() throws Exception {
        List<String> four = List.of("poll-box1", "poll-box2", "poll-box3", "poll-box4");
        LongParts longParts = new LongParts();
        try (StageScheduler a = longPartsNode("node-a", four, four, Duration.ofHours(1), Duration.ofSeconds(60),
                longParts)) {
            try {
                a.start();
                await().atMost(LIMIT).until(() -> longParts.running("node-a") == 2);
                liveNode("node-b");

                await().during(Duration.ofSeconds(3)).atMost(LIMIT).until(() -> longParts.running("node-a") == 2);
                assertThat(longParts.gaveWay("node-a")).as("runs that gave way").isZero();
            } finally {
                longParts.stop();
            }
        }
    }

    /**
     * Quartz acquires a firing up to its idle wait (1 s) ahead: with a poll interval of a second an idle mailbox's
     * next poll is held nearly all the time. It does not go on, so it never makes the backlog's run give way.
     */
    @Test
    void aNodeAloneNeverGivesWayThoughAnIdleMailboxsNextPollIsAcquiredAhead() {
        LongParts longParts = new LongParts();
        try (StageScheduler a = longPartsNode("node-a", List.of("poll-box1", "poll-box2"), List.of("poll-box1"),
                Duration.ofSeconds(1), longParts)) {
            try {
                a.start();
                await().atMost(LIMIT).until(() -> longParts.running("node-a") == 1
                        && longParts.emptyRuns("poll-box2") >= 5);
                assertThat(longParts.gaveWay("node-a")).isZero();
            } finally {
                longParts.stop();
            }
        }
    }

    /**
     * Two backlogs on two nodes, beside two idle mailboxes polled every second: once shared one each, neither run
     * gives way again (an idle mailbox's poll, acquired ahead or going on for a moment, changes nothing).
     */
    @Test
    void twoBacklogsSharedByTwoNodesStayPutBesideMailboxesPolledEverySecond() {
        List<String> four = List.of("poll-box1", "poll-box2", "poll-box3", "poll-box4");
        List<String> withBacklog = List.of("poll-box1", "poll-box2");
        Duration second = Duration.ofSeconds(1);
        LongParts longParts = new LongParts();
        aThenB(longParts, longPartsNode("node-a", four, withBacklog, second, longParts),
                () -> await().atMost(LIMIT).until(() -> longParts.running("node-a") == 2),
                () -> longPartsNode("node-b", four, withBacklog, second, longParts), () -> {
                    await().atMost(HANDOVER).until(() -> longParts.running("node-b") == 1
                            && longParts.running("node-a") == 1);
                    int gaveWay = longParts.gaveWay("node-a") + longParts.gaveWay("node-b");
                    int idleRuns = longParts.emptyRuns("poll-box3") + longParts.emptyRuns("poll-box4");
                    await().atMost(LIMIT).until(() -> longParts.emptyRuns("poll-box3")
                            + longParts.emptyRuns("poll-box4") >= idleRuns + 10);

                    assertThat(longParts.gaveWay("node-a") + longParts.gaveWay("node-b"))
                            .as("no run gave way since").isEqualTo(gaveWay);
                    assertThat(List.of(longParts.running("node-a"), longParts.running("node-b")))
                            .containsExactly(1, 1);
                });
        assertThat(longParts.overlaps()).as("a mailbox's parts never ran at once").isZero();
    }

    /**
     * Starts node {@code a}, waits ({@code aAlone}), then starts the node {@code b} makes and runs {@code withBoth};
     * the long parts stop before either node closes (a close waits for the parts going on).
     */
    private static void aThenB(LongParts longParts, StageScheduler a, Runnable aAlone, Supplier<StageScheduler> b,
                               Runnable withBoth) {
        try (a) {
            try {
                a.start();
                aAlone.run();
                try (StageScheduler started = b.get()) {
                    try {
                        started.start();
                        withBoth.run();
                    } finally {
                        longParts.stop();
                    }
                }
            } finally {
                longParts.stop();
            }
        }
    }

    /**
     * A node whose mailboxes in {@code withBacklog} have endless backlogs, read in long parts that end early when the
     * node gives way; the others have no mail (a run ends at once and asks for nothing).
     */
    private StageScheduler longPartsNode(String name, List<String> mailboxes, List<String> withBacklog,
                                         LongParts longParts) {
        return longPartsNode(name, mailboxes, withBacklog, Duration.ofHours(1), longParts);
    }

    private StageScheduler longPartsNode(String name, List<String> mailboxes, List<String> withBacklog,
                                         Duration pollInterval, LongParts longParts) {
        return longPartsNode(name, mailboxes, withBacklog, pollInterval, FairShare.JOINING, longParts);
    }

    private StageScheduler longPartsNode(String name, List<String> mailboxes, List<String> withBacklog,
                                         Duration pollInterval, Duration joining, LongParts longParts) {
        StageScheduler scheduler = new StageScheduler(name, JobStore.clustered(store.dataSource(), CHECK_IN, joining));
        for (String mailbox : mailboxes) {
            StageWakeUp nextPart = new StageWakeUp(scheduler, mailbox);
            scheduler.spread(mailbox, pollInterval, giveWay -> {
                nextPart.begun();
                if (!withBacklog.contains(mailbox)) {
                    longParts.ranEmpty(mailbox);
                } else if (longParts.run(name, mailbox, giveWay)) {
                    nextPart.ask();
                }
            });
        }
        return scheduler;
    }

    /**
     * Quartz halted between acquiring a trigger and firing it neither fires nor gives back the trigger: it stays
     * acquired, with a fired-trigger row of the stopping node's. With the node's check-in row gone no node ever
     * declares it dead and recovers the trigger (Quartz looks for such rows at a node's first check-in only): the
     * node gives it back as it stops, and another node runs it.
     */
    @Test
    void aRunANodeAcquiredAsItStoppedIsRunByAnotherNode() {
        List<String> ranOn = new CopyOnWriteArrayList<>();
        try (StageScheduler a = runOnce("node-a", ranOn)) {
            a.start();
            try (StageScheduler b = runOnce("node-b", ranOn)) {
                b.start();
                await().atMost(LIMIT).until(() -> ranOn.size() == 1 && "WAITING".equals(triggerState()));
                long now = System.currentTimeMillis();
                // the trigger as Quartz leaves it when node-b is halted right after acquiring it
                sql("UPDATE qrtz_triggers SET trigger_state = 'ACQUIRED', next_fire_time = " + now
                        + " WHERE trigger_name = 'poll-box1'");
                sql("INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group,"
                        + " instance_name, fired_time, sched_time, priority, state) VALUES ('replygate',"
                        + " 'node-b-halted', 'poll-box1', '" + StageScheduler.SPREAD_GROUP + "', 'node-b', " + now
                        + ", " + now + ", 5, 'ACQUIRED')");
            }
            await().atMost(HANDOVER).until(() -> ranOn.size() == 2);
            assertThat(ranOn.get(1)).as("the run node-b gave back as it stopped").isEqualTo("node-a");
        }
    }

    /** A node with one mailbox, polled once an hour, whose runs are recorded by node name. */
    private StageScheduler runOnce(String name, List<String> ranOn) {
        StageScheduler scheduler = new StageScheduler(name, JobStore.clustered(store.dataSource(), CHECK_IN));
        scheduler.spread("poll-box1", Duration.ofHours(1), giveWay -> ranOn.add(name));
        return scheduler;
    }

    private String triggerState() {
        return store.inTransaction(connection -> {
            try (Statement select = connection.createStatement();
                 ResultSet row = select.executeQuery("SELECT trigger_state FROM qrtz_triggers"
                         + " WHERE trigger_name = 'poll-box1'")) {
                return row.next() ? row.getString(1) : null;
            }
        });
    }

    /** A node whose three mailboxes each have an endless backlog, read part after part until the test stops. */
    private StageScheduler node(String name) {
        StageScheduler scheduler = new StageScheduler(name, JobStore.clustered(store.dataSource(), CHECK_IN));
        for (String mailbox : MAILBOXES) {
            StageWakeUp nextPart = new StageWakeUp(scheduler, mailbox);
            scheduler.spread(mailbox, Duration.ofHours(1), giveWay -> {
                nextPart.begun();
                if (parts.run(name, mailbox)) {
                    nextPart.ask();
                }
            });
        }
        return scheduler;
    }

    /** A row as a live node's check-in, with an interval that keeps it live through the test. */
    private void liveNode(String name) throws Exception {
        sql("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)"
                + " VALUES ('replygate', '" + name + "', " + System.currentTimeMillis() + ", 3600000)");
    }

    private void sql(String statement) {
        store.inTransaction(connection -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
            return null;
        });
    }

    private List<String> checkedIn() {
        return store.inTransaction(connection -> {
            List<String> nodes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'replygate'");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    nodes.add(rows.getString(1));
                }
            }
            return nodes;
        });
    }

    /** Parts of {@link #LONG_PART} in steps, each asking between two steps whether to give way. */
    private static final class LongParts {
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> gaveWay = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> byMailbox = new ConcurrentHashMap<>();
        private final AtomicInteger overlaps = new AtomicInteger();
        private final Map<String, AtomicInteger> emptyRuns = new ConcurrentHashMap<>();
        private volatile boolean stopped;

        /** Runs a part of {@code mailbox} on {@code node}; whether the next part is to be asked for. */
        boolean run(String node, String mailbox, BooleanSupplier giveWay) {
            if (byMailbox.computeIfAbsent(mailbox, key -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            running.computeIfAbsent(node, key -> new AtomicInteger()).incrementAndGet();
            try {
                long end = System.nanoTime() + LONG_PART.toNanos();
                while (!stopped && System.nanoTime() < end) {
                    Thread.sleep(STEP_MILLIS);
                    if (giveWay.getAsBoolean()) {
                        gaveWay.computeIfAbsent(node, key -> new AtomicInteger()).incrementAndGet();
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.get(node).decrementAndGet();
                byMailbox.get(mailbox).decrementAndGet();
            }
            return !stopped;
        }

        /** A run of {@code mailbox} that found no mail. */
        void ranEmpty(String mailbox) {
            emptyRuns.computeIfAbsent(mailbox, key -> new AtomicInteger()).incrementAndGet();
        }

        boolean ran(String mailbox) {
            return emptyRuns(mailbox) > 0;
        }

        int emptyRuns(String mailbox) {
            return emptyRuns.getOrDefault(mailbox, new AtomicInteger()).get();
        }

        int running(String node) {
            return running.getOrDefault(node, new AtomicInteger()).get();
        }

        int gaveWay(String node) {
            return gaveWay.getOrDefault(node, new AtomicInteger()).get();
        }

        int overlaps() {
            return overlaps.get();
        }

        void stop() {
            stopped = true;
        }
    }

    /** The parts run, by node, and how many each node ran at once at most. */
    private static final class Parts {
        private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> most = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> byMailbox = new ConcurrentHashMap<>();
        private final AtomicInteger overlaps = new AtomicInteger();
        private volatile boolean asking = true;

        /** Runs a part of {@code mailbox} on node {@code node}; whether another part is left. */
        boolean run(String node, String mailbox) {
            if (byMailbox.computeIfAbsent(mailbox, key -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            AtomicInteger now = running.computeIfAbsent(node, key -> new AtomicInteger());
            int atOnce = now.incrementAndGet();
            most.computeIfAbsent(node, key -> new AtomicInteger()).accumulateAndGet(atOnce, Math::max);
            try {
                Thread.sleep(PART_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                now.decrementAndGet();
                byMailbox.get(mailbox).decrementAndGet();
                runs.computeIfAbsent(node, key -> new AtomicInteger()).incrementAndGet();
            }
            return asking;
        }

        int runs(String node) {
            return runs.getOrDefault(node, new AtomicInteger()).get();
        }

        int mostAtOnce(String node) {
            return most.getOrDefault(node, new AtomicInteger()).get();
        }

        /** From now on, the most at once counts anew (the runs begun before may end first). */
        void forgetMost() {
            running.forEach((node, now) -> most.computeIfAbsent(node, key -> new AtomicInteger()).set(now.get()));
        }

        List<String> mailboxesRun() {
            return List.copyOf(byMailbox.keySet());
        }

        int overlaps() {
            return overlaps.get();
        }

        void stopAsking() {
            asking = false;
        }
    }
}
