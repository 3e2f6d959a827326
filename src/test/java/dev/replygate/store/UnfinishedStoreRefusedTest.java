package dev.replygate.store;

import dev.replygate.config.Secret;
import dev.replygate.testsupport.StoreConfigs;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An H2 store left part made (by a replygate that made stores in place, or by a later migration that failed or was
 * stopped midway: H2 keeps each statement that ran) is refused by name with what to do, and left as it is.
 */
class UnfinishedStoreRefusedTest {

    private static final String TABLES = "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = 'PUBLIC' ORDER BY TABLE_NAME";

    @TempDir
    Path folder;

    private String url() {
        return StoreConfigs.jdbcH2File(folder);
    }

    private Path file() {
        return folder.toAbsolutePath().resolve("replygate.mv.db");
    }

    @Test
    void tablesWithoutASchemaHistoryAreRefusedAndKept() throws SQLException {
        execute("CREATE TABLE outbox (id BIGINT PRIMARY KEY, recipient VARCHAR(100))",
                "INSERT INTO outbox VALUES (1, 'kept@replygate.test')",
                "CREATE TABLE notification (id BIGINT)");

        assertThatThrownBy(() -> Store.open(StoreConfigs.h2(url())))
                .isInstanceOf(UnfinishedStoreRefused.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("half made")
                .hasMessageContaining("2 table(s) (NOTIFICATION, OUTBOX)")
                .hasMessageContaining("no schema history")
                .hasMessageContaining("changed nothing")
                .hasMessageContaining(folder.toAbsolutePath().resolve("replygate.*") + ") aside")
                .hasMessageContaining("restore it from a backup");

        assertThat(query(TABLES)).containsExactly("NOTIFICATION", "OUTBOX");
        assertThat(query("SELECT recipient FROM outbox")).containsExactly("kept@replygate.test");
    }

    /** As Flyway leaves a store made in place when the process is killed in the baseline: its history, no row. */
    @Test
    void aBaselineStoppedMidwayIsRefused() throws SQLException {
        execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT PRIMARY KEY, \"version\" VARCHAR(50),"
                        + " \"description\" VARCHAR(200), \"success\" BOOLEAN NOT NULL)",
                "CREATE TABLE outbox (id BIGINT)");

        assertThatThrownBy(() -> Store.open(StoreConfigs.h2(url())))
                .isInstanceOf(UnfinishedStoreRefused.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("1 table(s) (OUTBOX) but a schema history with no completed migration");
        assertThat(query("SELECT COUNT(*) FROM \"flyway_schema_history\"")).containsExactly("0");
    }

    @Test
    void aFailedMigrationsRowIsRefusedByVersion() throws SQLException {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "kept@replygate.test"));
            store.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE"
                            + " WHERE \"version\" = '23'");
                }
            });
        }

        assertThatThrownBy(() -> Store.open(StoreConfigs.h2In(folder)))
                .isInstanceOf(UnfinishedStoreRefused.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("migration V23 (schema at v23) failed or was stopped midway")
                .hasMessageContaining("Restore the store from the backup made before that migration first ran");
        assertThat(query("SELECT recipient FROM outbox")).containsExactly("customer@example.com");
        assertThat(query("SELECT \"success\" FROM \"flyway_schema_history\" WHERE \"version\" = '23'"))
                .containsExactly("FALSE");
    }

    /**
     * A later migration (here V23, on a store made by V1 to V22) stopped midway: its first statement committed, no
     * row in the history. Flyway runs it again, fails on what is there, records the failure: refused by version.
     */
    @Test
    void aLaterMigrationStoppedMidwayIsRefusedByVersion() throws SQLException {
        Flyway.configure().dataSource(url(), "sa", "").locations("classpath:db/migration").target("22").load()
                .migrate();
        execute("CREATE TABLE mailbox_idle_lease (mailbox VARCHAR(64) NOT NULL)");

        assertThatThrownBy(() -> Store.open(StoreConfigs.h2In(folder)))
                .isInstanceOf(UnfinishedStoreRefused.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("migration V23 (mailbox idle lease) failed or was stopped midway")
                .cause().hasMessageContaining("MAILBOX_IDLE_LEASE");
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private List<String> query(String sql) throws SQLException {
        String password = GeneratedPassword.existing(folder.toAbsolutePath().resolve("replygate"))
                .map(Secret::reveal).orElse("");
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(), "sa", password); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
