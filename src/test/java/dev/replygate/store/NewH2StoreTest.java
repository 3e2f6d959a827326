package dev.replygate.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new H2 file store is made under a temporary name and moved into place whole; what a start stopped while
 * making it left is removed at the next start. The kills themselves: {@code FirstStartKillIT}.
 */
class NewH2StoreTest {

    @TempDir
    Path folder;

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(NewH2Store.class);

    @BeforeEach
    void captureLog() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(lines);
    }

    @Test
    void aNewStoreIsMadeWholeAndNothingIsLeftBesideIt() throws Exception {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            assertThat(store.inTransaction(H2BaselineTest::history)).isEqualTo(H2BaselineTest.FRESH_HISTORY);
            assertThat(store.inTransaction(H2BaselineTest::schema)).hasSizeGreaterThan(40);
        }
        assertThat(names()).contains("replygate.mv.db", "replygate.password").noneMatch(n -> n.contains("creating"));
        assertThat(lines.list).isEmpty();
    }

    @Test
    void whatAStoppedCreationLeftIsRemovedInOneLineAndTheStoreIsMade() throws Exception {
        // as a kill leaves it: H2's file part written, its lock file, a trace
        Files.write(folder.resolve("replygate.creating.mv.db"), new byte[] {'H', '2', 0, 1, 2, 3});
        Files.writeString(folder.resolve("replygate.creating.lock.db"), "#FileLock\nmethod=FILE\n");
        Files.writeString(folder.resolve("replygate.creating.trace.db"), "killed\n");
        Files.writeString(folder.resolve("other.creating.mv.db"), "another store's: not ours to remove");

        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            assertThat(store.inTransaction(H2BaselineTest::history)).isEqualTo(H2BaselineTest.FRESH_HISTORY);
        }

        assertThat(names()).contains("replygate.mv.db", "other.creating.mv.db")
                .noneMatch(n -> n.startsWith("replygate.creating"));
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage())
                .contains(folder.resolve("replygate.creating.mv.db").toString(), "replygate.creating.lock.db",
                        "stopped while making it");
    }

    @Test
    void aLeftOverBesideACompleteStoreIsRemovedAndTheStoreKept() throws Exception {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "kept@replygate.test"));
        }
        Files.write(folder.resolve("replygate.creating.mv.db"), new byte[] {1, 2, 3});

        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            assertThat(TestRows.rawMessage(store, "kept@replygate.test")).isNotNull();
        }
        assertThat(names()).noneMatch(n -> n.startsWith("replygate.creating"));
        assertThat(lines.list).hasSize(1);
    }

    @Test
    void aStoreWithAConfiguredPasswordIsMadeWithIt() throws Exception {
        StoreConfig config = new StoreConfig(StoreConfigs.jdbcH2File(folder), "admin", Secret.of("configured-password"),
                2);
        try (Store store = Store.open(config)) {
            assertThat(store.inTransaction(H2BaselineTest::history)).isEqualTo(H2BaselineTest.FRESH_HISTORY);
        }
        try (Store store = Store.open(config)) {
            assertThat(store.inTransaction(H2BaselineTest::history)).isEqualTo(H2BaselineTest.FRESH_HISTORY);
        }
        assertThat(names()).doesNotContain("replygate.password");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
