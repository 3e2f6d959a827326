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
 * The H2-only migrations after the baseline (V24) run on both.
 */
class H2BaselineTest {

    /** The history of a store made empty by this version: the baseline, then what came after it. */
    static final List<String> FRESH_HISTORY = List.of("23 SQL_BASELINE true", "24 SQL true", "25 SQL true",
            "26 JDBC true", "27 SQL true");

    private static final String HISTORY = "SELECT \"version\", \"type\", \"success\" FROM \"flyway_schema_history\""
            + " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"";

    @Test
    void anEmptyStoreIsMadeByTheBaselineInOneStepAndTheLaterMigrations() throws SQLException {
        try (Store store = Store.open(StoreConfigs.h2(newDatabase()))) {
            assertThat(store.inTransaction(H2BaselineTest::history)).isEqualTo(FRESH_HISTORY);
        }
    }

    @Test
    void theBaselineMakesWhatTheVersionedMigrationsMake() throws SQLException {
        String baseline = upToV23("classpath:db/migration", "classpath:db/h2");
        String versioned = upToV23("classpath:db/migration");

        try (Connection b = DriverManager.getConnection(baseline, "sa", "");
             Connection v = DriverManager.getConnection(versioned, "sa", "")) {
            assertThat(history(b)).containsExactly("23 SQL_BASELINE true");
            assertThat(schema(b)).as("the baseline's schema").hasSizeGreaterThan(40)
                    .containsExactlyInAnyOrderElementsOf(schema(v));
        }
    }

    /** Every way an H2 store came to be, once opened by this version, has one schema: V24 ran on each. */
    @Test
    void storesMadeEveryWayEndWithOneSchema() throws SQLException {
        String versioned = upToV23("classpath:db/migration");
        List<String> atV23;
        try (Connection c = DriverManager.getConnection(versioned, "sa", "")) {
            atV23 = schema(c);
        }

        List<String> fresh = schemaOnceOpened(newDatabase());
        assertThat(schemaOnceOpened(versioned)).as("made by V1 to V23, then opened").hasSizeGreaterThan(40)
                .containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(schemaOnceOpened(upToV23("classpath:db/migration", "classpath:db/h2")))
                .as("made by the baseline before V24 came, then opened").containsExactlyInAnyOrderElementsOf(fresh);
        assertThat(fresh).as("V24 changed the three tables of V23, V26 inbound_message's hash, V27 outbox's key")
                .filteredOn(made -> !atV23.contains(made)).hasSize(3)
                .anySatisfy(made -> assertThat(made).contains("\"SHA256\" BINARY VARYING NOT NULL"));
    }

    @Test
    void aStoreMadeByTheVersionedMigrationsOpensAndAppliesOnlyWhatCameAfter() throws SQLException {
        String versioned = upToV23("classpath:db/migration");
        List<String> before;
        try (Connection c = DriverManager.getConnection(versioned, "sa", "")) {
            before = history(c);
        }
        assertThat(before).hasSizeGreaterThan(10).allMatch(row -> row.endsWith(" SQL true"));

        try (Store store = Store.open(StoreConfigs.h2(versioned))) {
            List<String> after = store.inTransaction(H2BaselineTest::history);
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.subList(before.size(), after.size()))
                    .isEqualTo(FRESH_HISTORY.subList(1, FRESH_HISTORY.size()));
        }
    }

    private static String newDatabase() {
        return "jdbc:h2:mem:baseline_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    private static List<String> schemaOnceOpened(String url) {
        try (Store store = Store.open(StoreConfigs.h2(url))) {
            return store.inTransaction(H2BaselineTest::schema);
        }
    }

    /** A new database made up to V23 from these locations, as every store was before V24. */
    private static String upToV23(String... locations) {
        String url = newDatabase();
        Flyway.configure().dataSource(url, "sa", "").locations(locations).target("23").load().migrate();
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
