package dev.replygate.store;

import dev.replygate.config.StoreConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the migrations must give on every supported database. Each subclass supplies a fresh,
 * empty database per test.
 */
abstract class MigrationsContract {

    private static final String APPLIED = "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = TRUE";
    private static final String FAILED = "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = FALSE";

    private StoreConfig config;

    /** A configuration of a new, empty database. */
    abstract StoreConfig freshDatabase();

    abstract Dialect expectedDialect();

    /**
     * A query of the database's own catalogue: each identity column's table and how many of its values the
     * database keeps in memory (its cache).
     */
    abstract String identityCachesQuery();

    /** The cache every identity column drawn per message must have on this database. */
    abstract long expectedIdentityCache();

    @BeforeEach
    void createDatabase() {
        config = freshDatabase();
    }

    @Test
    void createsTheOutboxAndNotificationTables() {
        try (Store store = Store.open(config)) {
            assertThat(store.dialect()).isEqualTo(expectedDialect());
            Set<String> tables = store.inTransaction(MigrationsContract::tableNames);
            assertThat(tables)
                    .contains("outbox", "notification", "flyway_schema_history");
        }
    }

    @Test
    void anIdempotencyKeyIsTakenOnce() {
        try (Store store = Store.open(config)) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "portal-42", "a@replygate.test"));

            assertThatThrownBy(() -> store.inTransaction(c -> TestRows.insertOutbox(c, "portal-42", "b@replygate.test")))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.isUniqueViolation()).as(e.getMessage()).isTrue());
            assertThat(TestRows.count(store, "SELECT COUNT(*) FROM outbox")).isEqualTo(1);
        }
    }

    @Test
    void rowsWithoutIdempotencyKeyDoNotCollide() {
        try (Store store = Store.open(config)) {
            store.inTransaction(c -> TestRows.insertOutbox(c, null, "a@replygate.test"));
            store.inTransaction(c -> TestRows.insertOutbox(c, null, "b@replygate.test"));

            assertThat(TestRows.count(store, "SELECT COUNT(*) FROM outbox")).isEqualTo(2);
        }
    }

    /**
     * V25 dropped the outbox's unique index of Message-IDs: every one is made with 96 random bits
     * ({@code SignedMessageIdsTest}), no statement looks one up, and the index cost each answer a random page
     * read and write. What keeps an item from being queued twice is its idempotency key (above).
     */
    @Test
    void theOutboxLeavesMessageIdsToTheirMaker() {
        try (Store store = Store.open(config)) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "same@replygate.test"));
            store.inTransaction(c -> TestRows.insertOutbox(c, "k2", "same@replygate.test"));

            assertThat(TestRows.count(store, "SELECT COUNT(*) FROM outbox")).isEqualTo(2);
        }
    }

    @Test
    void aNotificationIsRecordedOncePerMessageId() {
        try (Store store = Store.open(config)) {
            long outboxId = store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "n@replygate.test"));
            store.inTransaction(c -> {
                TestRows.insertNotification(c, "n@replygate.test", outboxId);
                return null;
            });

            assertThatThrownBy(() -> store.inTransaction(c -> {
                TestRows.insertNotification(c, "n@replygate.test", outboxId);
                return null;
            })).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.isUniqueViolation()).as(e.getMessage()).isTrue());
        }
    }

    @Test
    void aNotificationMustReferToItsOutboxRow() {
        try (Store store = Store.open(config)) {
            assertThatThrownBy(() -> store.inTransaction(c -> {
                TestRows.insertNotification(c, "orphan@replygate.test", 999_999);
                return null;
            })).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.isUniqueViolation()).isFalse();
                assertThat(((SQLException) e.getCause()).getSQLState()).as(e.getMessage()).startsWith("23");
            });
        }
    }

    @Test
    void aValueTooLongIsADataErrorAndAnOutageIsNot() {
        try (Store store = Store.open(config)) {
            assertThatThrownBy(() -> store.inTransaction(c -> {
                try (var insert = c.prepareStatement("INSERT INTO inbound_failure (mailbox, message_key, attempts,"
                        + " last_error, first_failed_at, last_failed_at) VALUES (?, 'imap:1:1', 1, 'e',"
                        + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                    insert.setString(1, "m".repeat(65));
                    return insert.executeUpdate();
                }
            })).isInstanceOfSatisfying(StoreException.class,
                    e -> assertThat(e.isDataError()).as(e.getMessage()).isTrue());
        }
        assertThat(new StoreException(new SQLException("Connection refused", "08001")).isDataError()).isFalse();
        assertThat(new StoreException(new SQLException("pool timeout")).isDataError()).isFalse();
    }

    @Test
    void openingAgainKeepsSchemaAndDataAndAppliesNothingTwice() {
        long applied;
        try (Store store = Store.open(config)) {
            store.inTransaction(c -> TestRows.insertOutbox(c, "k1", "kept@replygate.test"));
            applied = TestRows.count(store, APPLIED);
        }
        try (Store store = Store.open(config)) {
            assertThat(TestRows.rawMessage(store, "kept@replygate.test")).isNotNull();
            assertThat(TestRows.count(store, APPLIED)).isEqualTo(applied).isPositive();
            assertThat(TestRows.count(store, FAILED)).isZero();
        }
    }

    @Test
    void rawMessagesRoundTripByteForByte() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] large = new byte[512 * 1024];
        new Random(7).nextBytes(large);

        try (Store store = Store.open(config)) {
            store.inTransaction(c -> TestRows.insertOutbox(c, null, "bytes@replygate.test", everyByte));
            store.inTransaction(c -> TestRows.insertOutbox(c, null, "large@replygate.test", large));

            assertThat(TestRows.rawMessage(store, "bytes@replygate.test")).isEqualTo(everyByte);
            assertThat(TestRows.rawMessage(store, "large@replygate.test")).isEqualTo(large);
        }
    }

    /** The tables whose ids are drawn for each message read or answered (H2 migration V24). */
    @Test
    void theIdentityColumnsDrawnPerMessageHaveThisDatabasesCache() {
        try (Store store = Store.open(config)) {
            Map<String, Long> caches = store.inTransaction(c -> {
                Map<String, Long> found = new TreeMap<>();
                try (Statement query = c.createStatement(); ResultSet rows = query.executeQuery(identityCachesQuery())) {
                    while (rows.next()) {
                        found.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getLong(2));
                    }
                }
                return found;
            });
            long cache = expectedIdentityCache();
            assertThat(caches).as("every identity column of the store and its cache")
                    .isEqualTo(Map.of("answer_log", cache, "inbound_message", cache, "outbox", cache));
        }
    }

    private static Set<String> tableNames(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet tables = metaData.getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
