package dev.replygate.schedule;

import dev.replygate.store.Store;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The jobs a node leaves in the cluster's tables when its configuration changes (a reload, a restart with
 * another file): the stages it no longer has are deleted, new ones added, a changed interval applied, and an
 * unchanged trigger keeps its timing.
 */
class StageSchedulerPostgresIT {

    private static final Duration CHECK_IN = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private PostgresDatabase database;
    private Store store;

    @BeforeEach
    void open() {
        database = PostgresServer.shared().createDatabase("stages");
        store = Store.open(database.storeConfig());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNewConfigurationDeletesRemovedStagesAddsNewOnesAndKeepsTheTimingOfUnchangedOnes() {
        try (StageScheduler before = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            before.every("poll-support", Duration.ofHours(1), () -> { });
            before.every("poll-sales", Duration.ofHours(1), () -> { });
            before.every("deliver-outbox", Duration.ofHours(1), () -> { });
            before.start();
        }
        Map<String, Long> firstTriggers = triggers();
        assertThat(firstTriggers).containsOnlyKeys("poll-support", "poll-sales", "deliver-outbox");

        try (StageScheduler after = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            after.every("poll-support", Duration.ofHours(1), () -> { });
            after.every("poll-billing", Duration.ofHours(1), () -> { });
            after.every("deliver-outbox", Duration.ofHours(2), () -> { });
            after.start();
        }

        assertThat(jobs()).containsOnlyKeys("poll-support", "poll-billing", "deliver-outbox")
                .as("every job asks to be run again when its node dies running it").doesNotContainValue(false);
        Map<String, Long> triggers = triggers();
        assertThat(triggers.get("poll-support")).as("unchanged: its next firing stays")
                .isEqualTo(firstTriggers.get("poll-support"));
        assertThat(intervals()).containsEntry("deliver-outbox", Duration.ofHours(2).toMillis())
                .containsEntry("poll-billing", Duration.ofHours(1).toMillis());
    }

    /**
     * A stage run on every node (the outbox delivery): each node runs its own beside the other's (one node's run
     * stuck on a slow SMTP server does not hold the other's back), an ask runs the asking node's, and nothing of
     * it is kept in the cluster's tables: an older version's cluster-wide job of that name goes as a node starts.
     */
    @Test
    void aStageOnEveryNodeRunsOnEachBesideTheOthersRunAndAnAskRunsTheAskingNodes() throws InterruptedException {
        try (StageScheduler older = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            older.every("deliver-outbox", Duration.ofHours(1), () -> { });
            older.start();
        }
        assertThat(jobs()).containsKey("deliver-outbox");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runsOnA = new AtomicInteger();
        AtomicInteger runsOnB = new AtomicInteger();
        try (StageScheduler a = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN));
             StageScheduler b = new StageScheduler("node-b", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            try {
                a.onEveryNode("deliver-outbox", Duration.ofHours(1), () -> {
                    runsOnA.incrementAndGet();
                    try {
                        release.await(LIMIT.toSeconds() * 2, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                StageWakeUp askB = new StageWakeUp(b, "deliver-outbox");
                b.onEveryNode("deliver-outbox", Duration.ofHours(1), () -> {
                    askB.begun();
                    runsOnB.incrementAndGet();
                });
                a.start();
                await().atMost(LIMIT).until(() -> runsOnA.get() == 1);
                b.start();
                await().atMost(LIMIT).until(() -> runsOnB.get() == 1);

                askB.ask();
                await().atMost(LIMIT).until(() -> runsOnB.get() == 2);
                assertThat(runsOnA).as("node-a's run is still the first, stuck").hasValue(1);
                assertThat(jobs()).doesNotContainKey("deliver-outbox");
                assertThat(a.stages()).extracting(StageScheduler.Stage::name).containsExactly("deliver-outbox");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void aSecondLiveProcessUnderTheNameOfARunningNodeIsRefusedAndTheNameIsFreeOnceItStops() {
        try (StageScheduler first = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            first.every("poll-support", Duration.ofHours(1), () -> { });
            first.start();

            assertThatThrownBy(() -> new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN)))
                    .isInstanceOf(NodeNameTaken.class)
                    .hasMessageContaining("another live process runs as node 'node-a'")
                    .hasMessageContaining("instance.name");
            assertThat(first.isRunning()).as("the running node goes on").isTrue();
            assertThat(checkedIn()).containsExactly("node-a");
        }
        try (StageScheduler restarted = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            restarted.every("poll-support", Duration.ofHours(1), () -> { });
            restarted.start();
            assertThat(restarted.isRunning()).isTrue();
        }
    }

    @Test
    void aNodeNameHeldByAProcessWhoseSessionEndedIsFreeAtOnce() throws SQLException {
        Connection dead = sessionHoldingTheName("node-a");
        assertThatThrownBy(() -> new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN)))
                .hasMessageContaining("node 'node-a'");
        dead.close(); // the session ends, as a killed process's does

        try (StageScheduler restarted = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            restarted.every("poll-support", Duration.ofHours(1), () -> { });
            restarted.start();
            assertThat(restarted.isRunning()).isTrue();
        }
    }

    /** A node restarted right after a kill -9: the store ends the former session a moment later, not at once. */
    @Test
    void aNodeRestartedWhileItsFormerSessionIsStillEndingWaitsForIt() throws Exception {
        Connection ending = sessionHoldingTheName("node-a");
        Thread ends = new Thread(() -> {
            try {
                Thread.sleep(1_000);
                ending.close();
            } catch (InterruptedException | SQLException e) {
                Thread.currentThread().interrupt();
            }
        });
        ends.start();

        try (StageScheduler restarted = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            restarted.every("poll-support", Duration.ofHours(1), () -> { });
            restarted.start();
            assertThat(restarted.isRunning()).isTrue();
        } finally {
            ends.join(10_000);
        }
    }

    /** A session of its own that holds the node name's lock, as a node's process does. */
    private Connection sessionHoldingTheName(String nodeName) throws SQLException {
        Connection session = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, ?))")) {
            lock.setString(1, nodeName);
            lock.setLong(2, NodeNameClaim.LOCK_SEED);
            lock.executeQuery().close();
        }
        return session;
    }

    /** Quartz's instance ids of the nodes that checked in. */
    private Set<String> checkedIn() {
        return longs("SELECT instance_name, last_checkin_time FROM qrtz_scheduler_state WHERE sched_name = 'replygate'")
                .keySet();
    }

    /**
     * Issue 12.4 on two nodes: the run a node asks for may begin on the other node, which never tells the
     * asking node's wake-up; the next ask must still make a run, not wait for the stage's next firing.
     */
    @Test
    void aWakeUpFiredByAnotherNodeDoesNotSwallowTheNextOne() {
        AtomicInteger runsOnB = new AtomicInteger();
        try (StageScheduler a = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN));
             StageScheduler b = new StageScheduler("node-b", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            StageWakeUp wakeUpOnA = new StageWakeUp(a, "deliver-outbox");
            a.every("deliver-outbox", Duration.ofHours(1), wakeUpOnA::begun);
            StageWakeUp wakeUpOnB = new StageWakeUp(b, "deliver-outbox");
            b.every("deliver-outbox", Duration.ofHours(1), () -> {
                wakeUpOnB.begun();
                runsOnB.incrementAndGet();
            });
            b.start(); // node-a is not started: every firing runs on node-b
            await().atMost(LIMIT).until(() -> runsOnB.get() == 1);

            for (int wakeUp = 2; wakeUp <= 4; wakeUp++) {
                wakeUpOnA.ask();
                int expected = wakeUp;
                await().atMost(LIMIT).until(() -> runsOnB.get() == expected);
                await().atMost(LIMIT).until(() -> pendingWakeUps() == 0);
            }
        }
    }

    /**
     * A node stops (a reload, a shutdown) while an ask is held back for its grace, after the run it asked for began
     * on another node: the held-back ask is made as the node closes, not dropped, so the answer it stands for goes
     * out at once (the ask is in the store, for any node) and not at the stage's next firing.
     */
    @Test
    void anAskHeldBackWhenItsNodeClosesIsMadeNotDropped() {
        try (StageScheduler a = new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN))) {
            // a grace far longer than the test: what is held back is looked at only when node-a closes
            StageWakeUp wakeUp = new StageWakeUp(a.asking(), "deliver-outbox", Duration.ofHours(1), System::nanoTime);
            a.every("deliver-outbox", Duration.ofHours(1), wakeUp::begun);
            wakeUp.ask();
            assertThat(pendingWakeUps()).isEqualTo(1);
            // another node fired the ask: a one-shot trigger is deleted once fired
            store.inTransaction(connection -> {
                try (Statement delete = connection.createStatement()) {
                    delete.execute("DELETE FROM qrtz_simple_triggers WHERE trigger_group = 'replygate-soon'");
                    delete.execute("DELETE FROM qrtz_triggers WHERE trigger_group = 'replygate-soon'");
                }
                return null;
            });

            wakeUp.ask();
        }

        assertThat(pendingWakeUps()).as("the held-back ask, made as node-a closed").isEqualTo(1);
    }

    private long pendingWakeUps() {
        return store.inTransaction(connection -> read(connection, "SELECT 'soon', COUNT(*) FROM qrtz_triggers"
                + " WHERE sched_name = 'replygate' AND trigger_group = 'replygate-soon'").get("soon"));
    }

    /** Job name → whether it asks for recovery when its node dies running it. */
    private Map<String, Boolean> jobs() {
        return store.inTransaction(connection -> {
            Map<String, Boolean> jobs = new LinkedHashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT job_name, requests_recovery FROM qrtz_job_details WHERE sched_name = 'replygate'");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobs.put(rows.getString(1), rows.getBoolean(2));
                }
            }
            return jobs;
        });
    }

    /** Trigger name → its next fire time (epoch ms). */
    private Map<String, Long> triggers() {
        return longs("SELECT trigger_name, next_fire_time FROM qrtz_triggers WHERE sched_name = 'replygate'");
    }

    /** Trigger name → its repeat interval (ms). */
    private Map<String, Long> intervals() {
        return longs("SELECT trigger_name, repeat_interval FROM qrtz_simple_triggers WHERE sched_name = 'replygate'");
    }

    private Map<String, Long> longs(String sql) {
        return store.inTransaction(connection -> read(connection, sql));
    }

    private static Map<String, Long> read(Connection connection, String sql) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getLong(2));
            }
        }
        return values;
    }
}
