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
            long key = NodeNameLock.key(admin);
            int holder = NodeNameLock.holder(admin);
            // the twin waits for the name: PostgreSQL hands it the lock the moment the daemon's session ends
            CompletableFuture<Void> twinLocked = CompletableFuture.runAsync(() -> NodeNameLock.lockWaiting(twin, key));
            await().atMost(LIMIT).until(() -> NodeNameLock.waiters(admin) == 1);

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
}
