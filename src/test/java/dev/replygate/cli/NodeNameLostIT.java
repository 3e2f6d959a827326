package dev.replygate.cli;

import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A daemon whose node name another process took while the daemon's claim was lost (its session in PostgreSQL
 * ended: a restart, a network cut) stops and exits non-zero, for its service manager to restart it under watch,
 * with one ERROR line saying why: it never runs on as the other's twin. Out of process, as systemd runs it.
 */
class NodeNameLostIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** The node's name lock: the database's only 64-bit advisory lock. */
    private static final String NAME_LOCK = "locktype = 'advisory' AND objsubid = 1"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    @TempDir
    Path folder;

    @Test
    void aDaemonWhoseNameWasTakenWhileItsClaimWasLostExitsNonZeroWithOneErrorLine() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("name_lost");
        Path config = TestConfigFile.write(folder, 9, "1s", database.storeSettings());
        Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8).replace(
                "  name: " + TestConfigFile.INSTANCE + "\n",
                "  name: " + TestConfigFile.INSTANCE + "\n  check-in-interval: 2s\n"), StandardCharsets.UTF_8);
        try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString(),
                "--pid-file", folder.resolve("replygate.pid").toString());
             Connection admin = connect(database);
             Connection twin = connect(database)) {
            await().atMost(LIMIT).until(() -> daemon.output().contains("replygate running") || !daemon.isAlive());
            assertThat(daemon.isAlive()).as(daemon.output()).isTrue();
            long key = lockedKey(admin);
            int holder = holder(admin);
            // the twin waits for the name: PostgreSQL hands it the lock the moment the daemon's session ends
            CompletableFuture<Void> twinLocked = CompletableFuture.runAsync(() -> lockWaiting(twin, key));
            await().atMost(LIMIT).until(() -> waiters(admin) == 1);

            try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?, 30000)")) {
                kill.setInt(1, holder);
                kill.executeQuery().close();
            }
            twinLocked.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

            ReplygateJar.Result stopped = daemon.await(LIMIT);
            assertThat(stopped.exitCode()).as(stopped.describe()).isEqualTo(ExitCodes.FAILURE);
            assertThat(stopped.stderr().lines().filter(line -> line.contains(" ERROR ")))
                    .as(stopped.describe()).singleElement().asString()
                    .contains("node '" + TestConfigFile.INSTANCE + "' lost its name's lock in the store")
                    .contains("another live process runs as node '" + TestConfigFile.INSTANCE + "' now");
            assertThat(stopped.stderr()).as("not the refusal at start: it ran, then stopped")
                    .doesNotContain("error: ").contains("replygate stopped");
        }
    }

    private static Connection connect(PostgresDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
    }

    private static long lockedKey(Connection admin) throws SQLException {
        return single(admin, "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks WHERE granted AND "
                + NAME_LOCK);
    }

    private static int holder(Connection admin) throws SQLException {
        return (int) single(admin, "SELECT pid FROM pg_locks WHERE granted AND " + NAME_LOCK);
    }

    private static int waiters(Connection admin) throws SQLException {
        return (int) single(admin, "SELECT count(*) FROM pg_locks WHERE NOT granted AND " + NAME_LOCK);
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getLong(1);
        }
    }

    private static void lockWaiting(Connection twin, long key) {
        try (PreparedStatement lock = twin.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
