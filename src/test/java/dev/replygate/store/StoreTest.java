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
