package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7: commits the daemon had reported done were gone after it was killed, in H2 stores killed
 * before. Here a child JVM writes as the daemon does (several pooled connections, rows queued,
 * claimed, marked sent), a CLI process writes beside it now and then through the daemon's server,
 * and the daemon is killed with SIGKILL at a random moment, round after round, on the same file,
 * never closed cleanly in between. In some rounds a CLI process is connected through the daemon when
 * it is killed and writes after the kill: H2 reconnects it by opening the killed file itself, and that
 * open must recover the file as replygate's own does. Every commit either reported is in the store at
 * the end.
 * See {@link H2CrashRecovery} for why H2 lost them.
 */
class H2RepeatedKillIT {

    private static final int KILLS = Integer.getInteger("replygate.test.kills", 20);
    private static final int WRITER_THREADS = 4;
    private static final Duration FIRST_COMMIT_LIMIT = Duration.ofSeconds(60);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @Test
    void noReportedCommitIsLostWhenTheDaemonIsKilledAgainAndAgain() throws Exception {
        // as a store does once it has run for RETENTION_TIME (45 s) or was killed before: new chunks go into
        // the space of old ones, not at the end of the file
        String url = StoreConfigs.jdbcH2File(folder) + ";RETENTION_TIME=0";
        Path report = folder.resolve("reported-commits.txt");
        Files.createFile(report);
        long seed = Long.getLong("replygate.test.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> cliRows = new ArrayList<>();
        int lingeringClients = 0;

        for (int round = 0; round < KILLS; round++) {
            String prefix = "round" + round;
            Process daemon = JavaProcess.start(CommitUntilKilledProcess.class, List.of(), folder,
                    folder.resolve(prefix + ".out"), url, report.toString(), prefix, String.valueOf(WRITER_THREADS));
            awaitFirstCommit(daemon, report, prefix, folder.resolve(prefix + ".out"));
            Process cli = null;
            String cliRow = prefix + "-cli@replygate.test";
            if (round % 3 == 1) {
                cli = JavaProcess.start(OutboxWriterProcess.class, List.of(), folder, folder.resolve(prefix + "-cli.out"),
                        url, cliRow);
            }
            Process lingering = null;
            Path go = folder.resolve(prefix + ".go");
            if (round % 3 == 2) {
                Path lingeringOutput = folder.resolve(prefix + "-lingering.out");
                lingering = JavaProcess.start(ReconnectAfterKillProcess.class, List.of(), folder, lingeringOutput,
                        url, prefix + "-lingering", go.toString());
                awaitConnected(lingering, lingeringOutput);
            }
            Thread.sleep(random.nextInt(20, 900));
            daemon.destroyForcibly();
            assertThat(daemon.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("killed daemon ended").isTrue();
            if (lingering != null) {
                Files.createFile(go);
                if (!lingering.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    lingering.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                assertThat(lingering.exitValue()).as("%s: the CLI connected through the killed daemon went on:%n%s",
                        prefix, Files.readString(folder.resolve(prefix + "-lingering.out"))).isZero();
                cliRows.add(prefix + "-lingering-before@replygate.test");
                cliRows.add(prefix + "-lingering-after@replygate.test");
                lingeringClients++;
            }
            if (cli != null) {
                if (!cli.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    cli.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                if (cli.exitValue() == 0) {
                    cliRows.add(cliRow);
                }
            }
        }

        Map<String, String> reported = reportedStates(report);
        cliRows.forEach(row -> reported.put(row, "queued"));
        Map<String, String> lost = new LinkedHashMap<>();
        try (Store store = Store.open(StoreConfigs.h2(url))) {
            store.inTransaction(c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT state FROM outbox WHERE message_id = ?")) {
                    for (Map.Entry<String, String> row : reported.entrySet()) {
                        select.setString(1, row.getKey());
                        try (ResultSet found = select.executeQuery()) {
                            String state = found.next() ? found.getString(1) : "missing";
                            if (row.getValue().equals("sent") ? !state.equals("sent") : state.equals("missing")) {
                                lost.put(row.getKey(), "reported " + row.getValue() + ", found " + state);
                            }
                        }
                    }
                }
                return null;
            });
        }
        assertThat(reported).as("commits reported").hasSizeGreaterThan(KILLS);
        assertThat(lingeringClients).as("CLI processes that reconnected after a kill").isPositive();
        assertThat(lost).as("reported commits lost after %d kills (seed %d) of %d reported", KILLS, seed,
                reported.size()).isEmpty();
    }

    /** Waits until the daemon of this round has reported a commit, so that it is killed while writing. */
    static void awaitFirstCommit(Process daemon, Path report, String prefix, Path output)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_COMMIT_LIMIT.toNanos();
        while (!Files.readString(report, StandardCharsets.US_ASCII).contains(" " + prefix + "-")) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(prefix + ": the daemon reported no commit; it printed:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }

    /** Waits until the CLI process has committed through the daemon's server. */
    private static void awaitConnected(Process cli, Path output) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + FIRST_COMMIT_LIMIT.toNanos();
        while (!Files.readString(output, StandardCharsets.UTF_8).contains("connected")) {
            if (!cli.isAlive() || System.nanoTime() > deadline) {
                cli.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the CLI process did not connect; it printed:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }

    /** The last state each Message-ID was reported committed in. */
    private static Map<String, String> reportedStates(Path report) throws IOException {
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : Files.readAllLines(report, StandardCharsets.US_ASCII)) {
            String[] fields = line.split(" ");
            if (fields.length == 2) {
                states.merge(fields[1], fields[0], (before, after) -> after.equals("sent") ? after : before);
            }
        }
        return states;
    }
}
