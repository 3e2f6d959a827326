package dev.replygate.store;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replygate.testsupport.StoreConfigs;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An H2 file store is forced onto the disk every second while it is open, by a thread of its own, and that
 * thread ends with the store. Seen from the outside: the JDK's own record of each {@code fsync}
 * ({@code jdk.FileForce}) names the file and the thread that forced it.
 */
class H2FileSyncTest {

    private static final String SYNC_THREAD = "replygate-store:sync";

    @TempDir
    Path folder;

    @Test
    void anOpenStoreIsForcedOntoTheDiskEverySecondAndNoLongerOnceClosed() throws Exception {
        Path forces = folder.resolve("forces.jfr");
        Set<Thread> before = syncThreads();
        Set<Thread> ours;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.FileForce").withThreshold(Duration.ZERO);
            recording.start();
            try (Store store = Store.open(StoreConfigs.h2In(folder.resolve("store")))) {
                store.inTransaction(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        return statement.executeUpdate("INSERT INTO mailbox_lease (mailbox) VALUES ('support')");
                    }
                });
                ours = syncThreads();
                ours.removeAll(before);
                assertThat(ours).as("the store's sync thread").hasSize(1);
                Thread.sleep(3 * H2FileSync.PERIOD.toMillis() + 500);
            }
            assertThat(ours).as("the sync thread ends with the store").noneMatch(Thread::isAlive);
            recording.stop();
            recording.dump(forces);
        }
        List<RecordedEvent> bySync = RecordingFile.readAllEvents(forces).stream()
                .filter(event -> event.getThread() != null && SYNC_THREAD.equals(event.getThread().getJavaName()))
                .filter(event -> event.getString("path").startsWith(folder.toString()))
                .toList();
        assertThat(bySync).as("forces of this store's file by the sync thread in 3.5 s")
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(event -> assertThat(event.getString("path")).endsWith("replygate.mv.db"));
    }

    @Test
    void aStoreInMemoryHasNoSyncThread() throws Exception {
        Set<Thread> before = syncThreads();
        try (Store store = Store.open(StoreConfigs.h2("jdbc:h2:mem:sync_test;DB_CLOSE_DELAY=-1"))) {
            try (Connection connection = store.dataSource().getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            Set<Thread> now = syncThreads();
            now.removeAll(before);
            assertThat(now).isEmpty();
        }
    }

    /**
     * H2 lets only an admin force its file: a refusal (here a user who is not one) is logged once, not every
     * second, and once the sync works again (the user made admin) that is logged once too.
     */
    @Test
    void aRefusedSyncIsLoggedOnceAndItsReturnOnce() throws Exception {
        String url = "jdbc:h2:mem:sync_refused;DB_CLOSE_DELAY=-1";
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(H2FileSync.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (Connection admin = DriverManager.getConnection(url, "sa", "")) {
            admin.createStatement().execute("CREATE USER clerk PASSWORD 'x'");
            try (H2FileSync sync = H2FileSync.start(() -> DriverManager.getConnection(url, "clerk", "x"),
                    Duration.ofMillis(50))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> lines.list.size() == 1);
                Thread.sleep(300);
                assertThat(lines.list).singleElement().satisfies(line -> {
                    assertThat(line.getLevel()).isEqualTo(Level.WARN);
                    assertThat(line.getFormattedMessage()).contains("could not force the store file onto the disk")
                            .contains("90040");
                });
                admin.createStatement().execute("ALTER USER clerk ADMIN TRUE");
                await().atMost(Duration.ofSeconds(20)).until(() -> lines.list.size() == 2);
                Thread.sleep(300);
                assertThat(lines.list).hasSize(2);
                assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.INFO);
                assertThat(lines.list.get(1).getFormattedMessage()).contains("forced onto the disk every");
            }
        } finally {
            logger.detachAppender(lines);
        }
    }

    /** A connection refused for its password says so in the log, without the password it was refused with. */
    @Test
    void aRefusedLoginIsLoggedWithoutThePassword() throws Exception {
        String url = "jdbc:h2:mem:sync_login;DB_CLOSE_DELAY=-1";
        String password = "s3cret-not-for-any-log-0123456789";
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(H2FileSync.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (Connection admin = DriverManager.getConnection(url, "sa", "")) {
            admin.createStatement().execute("CREATE USER clerk PASSWORD 'right-one' ADMIN");
            try (H2FileSync sync = H2FileSync.start(() -> DriverManager.getConnection(url, "clerk", password),
                    Duration.ofMillis(50))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> !lines.list.isEmpty());
                Thread.sleep(300);
            }
            assertThat(lines.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage()).contains("28000").doesNotContain(password);
            });
        } finally {
            logger.detachAppender(lines);
        }
    }

    private static Set<Thread> syncThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && SYNC_THREAD.equals(thread.getName()))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
