package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.schedule.NodeNameTaken;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Stages that could not be set up leave nothing held behind, above all not the node's name. */
class RunningStagesPostgresIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    /**
     * Scheduling a stage meets a database error (here the jobs' table is missing): the node's name is released,
     * so that a reload's fallback to the previous configuration, in this same process, can claim it again.
     */
    @Test
    void stagesThatFailToBeScheduledReleaseTheNodesName() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("running_stages");
        Path config = TestConfigFile.write(folder, 1, "1s", database.storeSettings());
        try (Replygate replygate = new Replygate(ConfigFiles.load(config).config(), Clock.systemUTC())) {
            sql(database, "ALTER TABLE qrtz_job_details RENAME TO qrtz_job_details_away");

            assertThatThrownBy(() -> RunningStages.start(replygate, Optional.empty(), taken -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot schedule");

            sql(database, "ALTER TABLE qrtz_job_details_away RENAME TO qrtz_job_details");
            assertThatCode(() -> RunningStages.start(replygate, Optional.empty(), taken -> { }).close()).doesNotThrowAnyException();
        }
    }

    /**
     * Scheduling fails after the mailboxes' stages were made (here the digest's cron trigger: its table is
     * missing): the IDLE gauges of those mailboxes go too, not left showing a watcher that never ran.
     */
    @Test
    void stagesThatFailAfterTheirMailboxesWereMadeLeaveNoIdleGaugeBehind() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("running_stages");
        Path config = TestConfigFile.write(folder, 1, "1s", database.storeSettings());
        // nothing listens there: the watcher, once started, only retries
        TestConfigFile.appendSupportMailbox(config, 9, "    idle: true\n", """
                digests:
                  - name: ops
                    cron: "0 0 6 * * ?"
                    recipients: [ops@hosting.test]
                """);
        try (Replygate replygate = new Replygate(ConfigFiles.load(config).config(), Clock.systemUTC())) {
            sql(database, "ALTER TABLE qrtz_cron_triggers RENAME TO qrtz_cron_triggers_away");

            assertThatThrownBy(() -> RunningStages.start(replygate, Optional.empty(), taken -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot schedule digest-ops");
            assertThat(replygate.meters().scrape()).doesNotContain("replygate_idle_connected");
            assertThat(replygate.meters().idling("support")).isEmpty();

            sql(database, "ALTER TABLE qrtz_cron_triggers_away RENAME TO qrtz_cron_triggers");
            try (RunningStages running = RunningStages.start(replygate, Optional.empty(), taken -> { })) {
                assertThat(replygate.meters().scrape()).contains("replygate_idle_connected{mailbox=\"support\"}");
            }
            assertThat(replygate.meters().scrape()).as("gone with its stages").doesNotContain("replygate_idle_connected");
        }
    }

    /**
     * Another process waits for the node's name, and a reload lets go of it between the old stages and the new:
     * the other process has the name now, so neither the new configuration nor the previous one can start. The
     * daemon is told, as when its claim was lost, to stop and exit non-zero, not left running without stages.
     */
    @Test
    void aReloadWhoseNameAnotherProcessTookMeanwhileStopsTheNode() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("running_stages");
        Path config = TestConfigFile.write(folder, 1, "1s", database.storeSettings());
        List<NodeNameTaken> taken = new CopyOnWriteArrayList<>();
        try (Replygate replygate = new Replygate(ConfigFiles.load(config).config(), Clock.systemUTC());
             Connection admin = connect(database);
             Connection twin = connect(database)) {
            ReloadableStages stages = new ReloadableStages(any -> Optional.empty());
            stages.start(replygate, taken::add);
            try {
                long key = NodeNameLock.key(admin);
                // queued behind the node's lock: PostgreSQL hands it to the twin the moment the reload lets go
                CompletableFuture<Void> twinLocked = CompletableFuture.runAsync(() -> NodeNameLock.lockWaiting(twin, key));
                await().atMost(LIMIT).until(() -> NodeNameLock.waiters(admin) == 1);

                ReloadOutcome outcome = stages.reload(config);

                twinLocked.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(outcome.applied()).isFalse();
                assertThat(outcome.lines()).singleElement().asString()
                        .contains("another live process runs as node");
                assertThat(taken).as("the daemon is told to stop").hasSize(1);
                assertThat(stages.reload(config).applied()).as("nothing runs to reload").isFalse();
            } finally {
                stages.stop();
            }
        }
    }

    private static Connection connect(PostgresDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
    }

    private static void sql(PostgresDatabase database, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
             Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }
}
