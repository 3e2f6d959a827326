package dev.replygate.store;

import dev.replygate.cli.ReplygateJar;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.testsupport.LoopbackGreenMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon ({@code java -jar replygate.jar run}) killed with SIGKILL at a random moment of its first start, on a
 * fresh H2 store, round after round: the next start must succeed with the store complete, the same schema and history
 * as a store made without a kill. Before stores were made under a temporary name, a kill while the baseline ran left
 * some tables and no complete history, and every later start failed ("Table OUTBOX already exists").
 * <p>
 * The kills fall over the window the undisturbed start takes from its first {@code .mv.db} file to "running",
 * where the store is made (the JVM's start before it touches no store).
 */
class FirstStartKillIT {

    private static final int KILLS = Integer.getInteger("replygate.test.kills", 15);
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtp();

    @Test
    void aFirstStartKilledAtAnyMomentLeavesNoStoreOrACompleteOne() throws Exception {
        Path reference = Files.createDirectory(folder.resolve("reference"));
        long window = undisturbedStart(reference);
        List<String> referenceSchema = schemaOf(reference);
        List<String> referenceHistory = historyOf(reference);
        assertThat(referenceHistory).as("the reference store's history").isNotEmpty();

        long seed = Long.getLong("replygate.test.seed", System.nanoTime());
        Random random = new Random(seed);
        int whileMaking = 0;
        for (int round = 0; round < KILLS; round++) {
            Path home = Files.createDirectory(folder.resolve("round" + round));
            long delay = random.nextLong(window + 1);
            String when = "round " + round + " (seed " + seed + ", killed " + delay + " ms after the first .mv.db of a"
                    + " " + window + " ms window)";
            try (ReplygateJar.Daemon daemon = ReplygateJar.start(home, "run", "--config", config(home).toString())) {
                awaitAnyStoreFile(daemon, home);
                Thread.sleep(delay);
                daemon.kill();
            }
            List<String> left = storeFiles(home);
            if (left.stream().anyMatch(name -> name.endsWith(".mv.db") && !name.equals("replygate.mv.db"))
                    && !left.contains("replygate.mv.db")) {
                whileMaking++;
            }

            ReplygateJar.Result next = ReplygateJar.run(home, "outbox", "list", "--config", config(home).toString());

            assertThat(next.exitCode()).as("%s: the next start, after the kill left %s:%n%s", when, left,
                    next.describe()).isZero();
            assertThat(next.stdout()).as(when).contains("0 item(s)");
            assertThat(schemaOf(home)).as("%s: the schema", when).isEqualTo(referenceSchema);
            assertThat(historyOf(home)).as("%s: the schema history", when).isEqualTo(referenceHistory);
            assertThat(storeFiles(home)).as("%s: nothing unfinished is left", when)
                    .noneMatch(name -> name.endsWith(".mv.db") && !name.equals("replygate.mv.db"));
        }
        System.out.printf("%d kills over a %d ms window (seed %d), %d of them while the store was being made%n",
                KILLS, window, seed, whileMaking);
        assertThat(whileMaking).as("kills (of %d, seed %d) that fell while the store was being made: none would"
                + " prove anything", KILLS, seed).isPositive();
    }

    /** What an older version's kill left: refused before anything starts, with one line, and left as it is. */
    @Test
    void aHalfMadeStoreIsRefusedAtStartAndKept() throws Exception {
        Path home = Files.createDirectory(folder.resolve("half-made"));
        Path base = TestConfigFile.storeBase(home);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE outbox (id BIGINT PRIMARY KEY)");
            s.execute("INSERT INTO outbox VALUES (7)");
        }

        ReplygateJar.Result start = ReplygateJar.run(home, "run", "--config", config(home).toString());

        assertThat(start.exitCode()).as(start.describe()).isEqualTo(1);
        assertThat(start.stderr()).as(start.describe())
                .contains("error: the H2 store " + TestConfigFile.storeFile(home) + " was left half made",
                        "(OUTBOX)", "no schema history", "replygate changed nothing", "restore it from a backup")
                .doesNotContain("Exception", "replygate running");
        try (Connection c = connect(home); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                     + " UNION ALL SELECT CAST(id AS VARCHAR) FROM outbox")) {
            List<String> kept = new ArrayList<>();
            while (rows.next()) {
                kept.add(rows.getString(1));
            }
            assertThat(kept).as("tables and rows, no history added").containsExactlyInAnyOrder("OUTBOX", "7");
        }
    }

    /** Makes the reference store; how long its start took from its first store file to running, in ms. */
    private long undisturbedStart(Path home) throws Exception {
        try (ReplygateJar.Daemon daemon = ReplygateJar.start(home, "run", "--config", config(home).toString())) {
            long storeFile = awaitAnyStoreFile(daemon, home);
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            while (!daemon.output().contains("replygate running")) {
                assertThat(daemon.isAlive()).as("the daemon runs:%n%s", daemon.output()).isTrue();
                assertThat(System.nanoTime()).as("the daemon started within %s", START_LIMIT).isLessThan(deadline);
                Thread.sleep(5);
            }
            long window = Math.max(200, (System.nanoTime() - storeFile) / 1_000_000);
            daemon.terminate(STOP_LIMIT);
            return window;
        }
    }

    /** Waits for the first {@code .mv.db} file of the store's directory; returns when it appeared (nanoTime). */
    private static long awaitAnyStoreFile(ReplygateJar.Daemon daemon, Path home) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (storeFiles(home).stream().noneMatch(name -> name.endsWith(".mv.db"))) {
            assertThat(daemon.isAlive()).as("the daemon runs:%n%s", daemon.output()).isTrue();
            assertThat(System.nanoTime()).as("a store file within %s", START_LIMIT).isLessThan(deadline);
            Thread.sleep(2);
        }
        return System.nanoTime();
    }

    private Path config(Path home) {
        Path file = home.resolve("replygate.yaml");
        return Files.exists(file) ? file : TestConfigFile.write(home, greenMail.getSmtp().getPort());
    }

    private static List<String> storeFiles(Path home) throws IOException {
        Path directory = TestConfigFile.storeBase(home).getParent();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> schemaOf(Path home) throws SQLException, IOException {
        try (Connection c = connect(home)) {
            return H2BaselineTest.schema(c);
        }
    }

    private static List<String> historyOf(Path home) throws SQLException, IOException {
        try (Connection c = connect(home)) {
            List<String> history = new ArrayList<>(H2BaselineTest.history(c));
            try (Statement s = c.createStatement();
                 var failed = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE NOT \"success\"")) {
                failed.next();
                history.add("failed: " + failed.getLong(1));
            }
            return history;
        }
    }

    /** The store as it is on disk (no replygate code: nothing recovered or migrated on the way). */
    private static Connection connect(Path home) throws SQLException, IOException {
        Path base = TestConfigFile.storeBase(home);
        String password = Files.readString(GeneratedPassword.fileOf(base), StandardCharsets.US_ASCII).strip();
        return DriverManager.getConnection("jdbc:h2:file:" + base + ";IFEXISTS=TRUE;AUTO_SERVER=FALSE", "sa", password);
    }
}
