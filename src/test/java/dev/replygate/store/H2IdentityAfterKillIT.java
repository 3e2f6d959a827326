package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 keeps 1 000 values of an identity column in memory (migration V24 in db/h2): a kill throws away what was
 * not drawn yet. The ids after the restart jump ahead, never back and never onto a committed row's, so the order
 * of ids stays the order rows were queued in across kills (delivery takes due answers in id order).
 */
class H2IdentityAfterKillIT {

    private static final int KILLS = Integer.getInteger("replygate.test.kills", 6);
    private static final int WRITER_THREADS = 4;

    @TempDir
    Path folder;

    @Test
    void idsDrawnAfterAKillComeAfterEveryCommittedOne() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder);
        Path report = folder.resolve("reported-commits.txt");
        Files.createFile(report);
        long seed = Long.getLong("replygate.test.seed", System.nanoTime());
        Random random = new Random(seed);
        long highestBefore = 0;
        int gaps = 0;

        for (int round = 0; round < KILLS; round++) {
            String prefix = "round" + round;
            Path output = folder.resolve(prefix + ".out");
            Process daemon = JavaProcess.start(CommitUntilKilledProcess.class, List.of(), folder, output, url,
                    report.toString(), prefix, String.valueOf(WRITER_THREADS));
            H2RepeatedKillIT.awaitFirstCommit(daemon, report, prefix, output);
            Thread.sleep(random.nextInt(20, 900));
            daemon.destroyForcibly();
            assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("killed daemon ended").isTrue();

            // the first write after the kill comes from a new process, as the restarted daemon's does, and like
            // it without -ea: in this test's JVM an assertion of H2 2.5.252 (CommitDecisionMaker) once failed
            // that commit after a kill (bench/README.md, "H2 identity cache")
            String after = prefix + "-after@replygate.test";
            JavaProcess.Result written = JavaProcess.run(OutboxWriterProcess.class, folder, Duration.ofSeconds(60),
                    url, after);
            assertThat(written.exitCode()).as(written.output()).isZero();

            try (Store store = Store.open(StoreConfigs.h2(url))) {
                long first = store.inTransaction(c -> idOf(c, "SELECT MIN(id)", "LIKE ?", prefix + "-t%"));
                long highest = store.inTransaction(c -> idOf(c, "SELECT MAX(id)", "<> ?", after));
                long next = store.inTransaction(c -> idOf(c, "SELECT MIN(id)", "= ?", after));

                assertThat(first).as("%s (seed %d): the killed daemon's first id", prefix, seed)
                        .isGreaterThan(highestBefore);
                assertThat(next).as("%s (seed %d): the first id after the kill", prefix, seed).isGreaterThan(highest);
                if (next > highest + 1) {
                    gaps++;
                }
                highestBefore = next;
            }
        }
        assertThat(gaps).as("kills that fell inside a cached range of ids (seed %d)", seed).isPositive();
    }

    /** {@code select} over the outbox rows whose Message-ID matches {@code condition}; there must be some. */
    private static long idOf(Connection connection, String select, String condition, String messageId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                select + ", COUNT(*) FROM outbox WHERE message_id " + condition)) {
            query.setString(1, messageId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                assertThat(row.getLong(2)).as("rows whose Message-ID is %s %s", condition, messageId).isPositive();
                return row.getLong(1);
            }
        }
    }
}
