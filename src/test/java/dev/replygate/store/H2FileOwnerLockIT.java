package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.text.Sha256;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process that is about to connect to the H2 store through another's server first runs the crash
 * recovery of {@link H2OpenRecovery} (H2 tries the file itself before it finds the server): while the
 * other process has the file open, that recovery must leave the file alone; once that process was
 * killed, it must recover it.
 */
class H2FileOwnerLockIT {

    private static final long OPEN_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @TempDir
    Path folder;

    @Test
    void aFileAnotherProcessHasOpenIsNotRecoveredUnderIt() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder);
        Path dataFile = StoreDirectory.dataFile(folder.resolve("replygate"));
        Path output = folder.resolve("owner.out");
        Process owner = JavaProcess.start(HoldOpenProcess.class, List.of(), folder, output, url);
        try {
            long deadline = System.nanoTime() + OPEN_LIMIT_NANOS;
            while (!Files.readString(output, StandardCharsets.UTF_8).contains("open")) {
                assertThat(owner.isAlive() && System.nanoTime() < deadline)
                        .as("the owner opened the store; it printed:%n%s", Files.readString(output)).isTrue();
                Thread.sleep(20);
            }
            String whileOpen = state(dataFile);

            H2OpenRecovery recovery = new H2OpenRecovery();
            recovery.init(JdbcUrls.effective(url));

            assertThat(state(dataFile)).as("the file its owner has open").isEqualTo(whileOpen);
        } finally {
            owner.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        String asKilled = state(dataFile);

        H2OpenRecovery recovery = new H2OpenRecovery();
        recovery.init(JdbcUrls.effective(url));
        recovery.closingDatabase();

        assertThat(state(dataFile)).as("the file its killed owner left, recovered").isNotEqualTo(asKilled);
    }

    /** The file's length, its store header (H2 rewrites it whenever it recovers or closes the file) and digest. */
    private static String state(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String header = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1);
        int end = header.indexOf('\n');
        return bytes.length + " bytes, header " + (end < 0 ? header : header.substring(0, end)) + ", SHA-256 "
                + Sha256.hexOf(new ByteArrayInputStream(bytes));
    }
}
