package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An empty H2 store gets its schema from the baseline (db/h2), and that schema is exactly what the versioned
 * migrations make one by one: a store made either way is the same store to every later migration and query.
 */
class H2BaselineTest {

    private static final String HISTORY = "SELECT \"version\", \"type\", \"success\" FROM \"flyway_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"";

    @Test
    void anEmptyStoreIsMadeByTheBaselineInOneStep() throws SQLException {
        try (Store store = Store.open(StoreConfigs.h2(newDatabase()))) {
            assertThat(store.inTransaction(H2BaselineTest::history)).containsExactly("23 SQL_BASELINE true");
        }
    }

    @Test
    void theBaselineMakesWhatTheVersionedMigrationsMake() throws SQLException {
        List<String> made;
        try (Store store = Store.open(StoreConfigs.h2(newDatabase()))) {
            made = store.inTransaction(H2BaselineTest::schema);
        }
        String versioned = versionedUpToV23();

        assertThat(made).as("the baseline's schema").hasSizeGreaterThan(40);
        try (Connection c = DriverManager.getConnection(versioned, "sa", "")) {
            assertThat(made).containsExactlyInAnyOrderElementsOf(schema(c));
        }
    }

    @Test
    void aStoreMadeByTheVersionedMigrationsOpensAndAppliesNothing() throws SQLException {
        String versioned = versionedUpToV23();
        List<String> before;
        try (Connection c = DriverManager.getConnection(versioned, "sa", "")) {
            before = history(c);
        }

        try (Store store = Store.open(StoreConfigs.h2(versioned))) {
            assertThat(store.inTransaction(H2BaselineTest::history)).isEqualTo(before)
                    .hasSizeGreaterThan(10).allMatch(row -> row.endsWith(" SQL true"));
        }
    }

    private static String newDatabase() {
        return "jdbc:h2:mem:baseline_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    /** A new database made by the versioned migrations alone, V1 to V23, as every store before the baseline. */
    private static String versionedUpToV23() {
        String url = newDatabase();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target("23").load().migrate();
        return url;
    }

    static List<String> history(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(HISTORY)) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getBoolean(3));
            }
        }
        return rows;
    }

    /**
     * Every statement H2 would write to make the store's schema again, without Flyway's own table; names H2
     * generated for constraints the migrations left unnamed are left out (they depend on the order of creation).
     */
    static List<String> schema(Connection c) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (Statement statement = c.createStatement();
             ResultSet result = statement.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
            while (result.next()) {
                String line = result.getString(1);
                if (!line.startsWith("--") && !line.startsWith("CREATE USER") && !line.contains("flyway_schema_history")) {
                    statements.add(line.replaceAll("\"CONSTRAINT_[0-9A-F]+\"", "\"CONSTRAINT_?\""));
                }
            }
        }
        return statements;
    }
}
