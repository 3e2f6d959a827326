package dev.replygate.store;

import dev.replygate.testsupport.JavaProcess;
import dev.replygate.testsupport.StoreConfigs;
import dev.replygate.text.Sha256;
import org.h2.store.fs.FilePath;
import org.h2.util.SortedProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No process opens an H2 store's data file without holding the store's owner lock and, when it takes the lock,
 * recovering the file first ({@link H2StoreFilePath}): not a command while the daemon has the file open, and not
 * a command that H2 lets take the lock file of a daemon over that was killed while the command connected to it.
 */
class H2FileOwnerLockIT {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int LIMIT_MILLIS = 60_000;

    @TempDir
    Path folder;

    @Test
    void aFileAnotherProcessHasOpenIsNotOpenedUnderIt() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder);
        Path dataFile = StoreDirectory.dataFile(folder.resolve("replygate"));
        Process owner = startAndAwait(HoldOpenProcess.class, "open", url);
        try {
            String whileOpen = state(dataFile);

            assertThatThrownBy(() -> openThroughH2(url).close()).isInstanceOf(IOException.class)
                    .hasMessageContaining("another process has the H2 store");

            assertThat(state(dataFile)).as("the file its owner has open").isEqualTo(whileOpen);
        } finally {
            owner.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        String asKilled = state(dataFile);

        try (FileChannel opened = openThroughH2(url)) {
            assertThat(opened.isOpen()).isTrue();
            assertThat(state(dataFile)).as("the file its killed owner left, recovered before it is opened")
                    .isNotEqualTo(asKilled);
            assertThat(anotherProcessTakesTheOwnerLock()).as("the owner lock, while the file is open").isFalse();
        }
        assertThat(anotherProcessTakesTheOwnerLock()).as("the owner lock, once the file is closed").isTrue();
    }

    /**
     * The window: a command finds the daemon's server alive (on e4809ee its recovery left the file alone, the
     * owner lock being held), then the server is gone before H2 has checked it: H2 takes the lock file over.
     * While the owner lock's holder lives, the file must not be opened; once it has ended, it is opened only
     * recovered by this process, under the owner lock.
     */
    @Test
    void aCommandWhoseServerWentAwayWhileItConnectedOpensTheFileOnlyAsItsOwner() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder);
        Path database = folder.resolve("replygate");
        Path dataFile = StoreDirectory.dataFile(database);
        startAndAwait(HoldOpenProcess.class, "open", url).destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        String password = GeneratedPassword.existing(database).orElseThrow().reveal();
        String asKilled = state(dataFile);
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock.db");
        Properties leftByKilled = SortedProperties.loadProperties(lockFile.toString());
        assertThat(leftByKilled.getProperty("server")).as("the killed process's lock file names its server").isNotNull();

        Process owner = startAndAwait(HoldOwnerLockProcess.class, "locked", database.toString());
        ExecutorService connecting = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(LIMIT_MILLIS);
            pointLockFileAt(lockFile, leftByKilled, server);

            Future<Void> whileOwned = connecting.submit(() -> connect(url, password));
            closeWhenChecked(server); // H2 asks the server whether it runs: it ended
            assertThat(whileOwned).failsWithin(60, TimeUnit.SECONDS).withThrowableThat()
                    .havingRootCause().withMessageContaining("another process has the H2 store");
            assertThat(state(dataFile)).as("the file, while another process holds its owner lock")
                    .isEqualTo(asKilled);

            pointLockFileAt(lockFile, leftByKilled, server);
            Future<Void> afterOwner = connecting.submit(() -> connect(url, password));
            Socket check = server.accept(); // H2 is asking the server: the owner ends now
            owner.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            check.close();
            assertThat(afterOwner).succeedsWithin(60, TimeUnit.SECONDS);
        } finally {
            connecting.shutdownNow();
            owner.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(state(dataFile)).as("the file its killed owner left, opened once recovered").isNotEqualTo(asKilled);
    }

    /** explain reads through the daemon's server: were the daemon killed while it connects, H2 must not open the file. */
    @Test
    void aReaderThroughTheServerNeverOpensTheFileItself() throws Exception {
        String url = StoreConfigs.jdbcH2File(folder);
        Path dataFile = StoreDirectory.dataFile(folder.resolve("replygate"));
        startAndAwait(HoldOpenProcess.class, "open", url).destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        String asKilled = state(dataFile);

        assertThatThrownBy(() -> openThroughH2Named(JdbcUrls.readingThroughItsServer(url)).close())
                .isInstanceOf(IOException.class).hasMessageContaining("is not opened here");

        assertThat(state(dataFile)).as("the file its killed owner left").isEqualTo(asKilled);
    }

    private Void connect(String url, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(JdbcUrls.effective(url), "sa", password);
             Statement query = connection.createStatement();
             ResultSet count = query.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
            count.next();
            assertThat(count.getInt(1)).as("migrations on record").isPositive();
            assertThat(anotherProcessTakesTheOwnerLock()).as("the owner lock, while the file is open").isFalse();
        }
        return null;
    }

    /** Makes the lock file H2 left name {@code server}, as a daemon's names its server, and old enough to take. */
    private static void pointLockFileAt(Path lockFile, Properties leftByKilled, ServerSocket server)
            throws IOException {
        Properties lock = new Properties();
        lock.putAll(leftByKilled);
        lock.setProperty("server", "127.0.0.1:" + server.getLocalPort());
        try (var out = Files.newOutputStream(lockFile)) {
            lock.store(out, "like a daemon's");
        }
        Files.setLastModifiedTime(lockFile, FileTime.from(Instant.now().minusSeconds(10)));
    }

    private static void closeWhenChecked(ServerSocket server) throws IOException {
        server.accept().close();
    }

    private FileChannel openThroughH2(String url) throws IOException {
        return openThroughH2Named(JdbcUrls.effective(url));
    }

    /** Opens the data file as H2 does, by the name the JDBC URL {@code jdbcUrl} gives it. */
    private static FileChannel openThroughH2Named(String jdbcUrl) throws IOException {
        int settings = jdbcUrl.indexOf(';');
        String name = jdbcUrl.substring("jdbc:h2:".length(), settings < 0 ? jdbcUrl.length() : settings);
        return FilePath.get(name + ".mv.db").open("rw");
    }

    private boolean anotherProcessTakesTheOwnerLock() {
        JavaProcess.Result result = JavaProcess.run(HoldOwnerLockProcess.class, folder, Duration.ofSeconds(60),
                folder.resolve("replygate").toString(), "probe");
        assertThat(result.output()).as("the probe's answer").containsAnyOf("locked", "busy");
        return result.output().contains("locked");
    }

    private Process startAndAwait(Class<?> main, String ready, String argument) throws Exception {
        Path output = Files.createTempFile(folder, main.getSimpleName(), ".out");
        Process process = JavaProcess.start(main, List.of(), folder, output, argument);
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (!Files.readString(output, StandardCharsets.UTF_8).contains(ready)) {
            assertThat(process.isAlive() && System.nanoTime() < deadline)
                    .as("%s is ready; it printed:%n%s", main.getSimpleName(), Files.readString(output)).isTrue();
            Thread.sleep(20);
        }
        return process;
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
