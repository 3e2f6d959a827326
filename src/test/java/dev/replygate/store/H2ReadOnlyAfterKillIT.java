package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code explain} reads the store without writing it. While the daemon runs it reads through the
 * daemon's server; once the daemon was killed, H2 would open the file itself, read-write, and rewrite
 * it with its own recovery (the one that loses commits, see {@link H2CrashRecovery}): the read-only open
 * refuses instead, leaves the file as the kill left it, and says how to recover it.
 */
class H2ReadOnlyAfterKillIT {

    @TempDir
    Path folder;

    @Test
    void aKilledStoreIsNotRewrittenByAReaderButRefusedUntilRecovered() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder) + ";RETENTION_TIME=0";
        Path report = Files.createFile(folder.resolve("reported-commits.txt"));
        Path output = folder.resolve("daemon.out");
        Process daemon = JavaProcess.start(CommitUntilKilledProcess.class, List.of(), folder, output, url,
                report.toString(), "killed", "4");
        H2RepeatedKillIT.awaitFirstCommit(daemon, report, "killed", output);
        try (Store whileRunning = Store.openReadOnly(StoreConfigs.h2(url)).orElseThrow()) {
            assertThat(TestRows.count(whileRunning, "SELECT COUNT(*) FROM outbox")).as("read through the daemon")
                    .isPositive();
        }
        Thread.sleep(500);
        daemon.destroyForcibly();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("killed daemon ended").isTrue();
        Map<String, String> killed = storeFiles();

        assertThatThrownBy(() -> Store.openReadOnly(StoreConfigs.h2(url)))
                .isInstanceOf(StoreNotRecoveredException.class)
                .hasMessageContaining("left open by a replygate process that was stopped hard")
                .hasMessageContaining("replygate run");

        assertThat(storeFiles()).as("the store's files, byte for byte").isEqualTo(killed);
        Store.open(StoreConfigs.h2(url)).close(); // the daemon's next start recovers it
        try (Store recovered = Store.openReadOnly(StoreConfigs.h2(url)).orElseThrow()) {
            assertThat(TestRows.count(recovered, "SELECT COUNT(*) FROM outbox")).isPositive();
        }
    }

    /** Every file of the store (not the test's own), with a hash of its bytes. */
    private Map<String, String> storeFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(p -> !p.getFileName().toString().endsWith(".out")
                    && !p.getFileName().toString().endsWith(".txt")).toList()) {
                files.put(path.getFileName().toString(), sha256(path));
            }
        }
        return files;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
