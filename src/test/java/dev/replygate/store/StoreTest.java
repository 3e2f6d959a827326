package dev.replygate.store;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {

    @TempDir
    Path folder;

    @Test
    void anUnsupportedUrlIsRefusedByName() {
        StoreConfig mysql = new StoreConfig("jdbc:mysql://db.example.com/replygate?password=hunter2", "replygate",
                Secret.of("hunter2"), 4);

        assertThatThrownBy(() -> Store.open(mysql))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported JDBC URL")
                .hasMessageContaining("jdbc:h2:")
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageContaining("jdbc:mysql://db.example.com/replygate")
                .hasMessageNotContaining("hunter2");
    }

    /**
     * On c1b64c6 this opened: H2 encrypted the file, replygate's recovery could not read it ("Store header is
     * corrupt", logged) and left it to H2's own, which can drop reported commits after a kill.
     */
    @Test
    void anEncryptedH2FileIsRefusedBeforeAnyFileIsMadeAndWithoutItsPassword() throws Exception {
        StoreConfig encrypted = new StoreConfig(StoreConfigs.jdbcH2File(folder.resolve("data")) + ";CIPHER=AES",
                "sa", Secret.of("filepwd userpwd"), 4);

        assertThatThrownBy(() -> Store.open(encrypted))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.url: H2's file encryption (CIPHER) is not supported")
                .hasMessageNotContaining("filepwd").hasMessageNotContaining("userpwd");
        assertThatThrownBy(() -> Store.openForCommand(encrypted)).isInstanceOf(IllegalArgumentException.class);
        assertThat(folder.resolve("data")).as("nothing made for it").doesNotExist();
    }

    @Test
    void workThatThrowsLeavesNothingBehind() {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            assertThatThrownBy(() -> store.inTransaction(c -> {
                TestRows.insertOutbox(c, "k1", "rolled-back@replygate.test");
                throw new IllegalStateException("stage failed");
            })).isInstanceOf(IllegalStateException.class).hasMessage("stage failed");

            assertThat(TestRows.rawMessage(store, "rolled-back@replygate.test")).isNull();
        }
    }

    @Test
    void aDatabaseErrorBecomesAStoreExceptionAndRollsBack() {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            assertThatThrownBy(() -> store.inTransaction(c -> {
                TestRows.insertOutbox(c, "k1", "rolled-back@replygate.test");
                return TestRows.count(c, "SELECT COUNT(*) FROM no_such_table");
            })).isInstanceOf(StoreException.class).hasCauseInstanceOf(SQLException.class);

            assertThat(TestRows.rawMessage(store, "rolled-back@replygate.test")).isNull();
        }
    }

    @Test
    void workThatReturnsIsCommitted() {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "kept@replygate.test"));
        }
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            assertThat(TestRows.rawMessage(store, "kept@replygate.test")).isNotNull();
        }
    }
}
