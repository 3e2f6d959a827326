package dev.replygate.store;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
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
    /** A record: parameters its message key and its content hash (hexadecimal before V26, bytes after). */
    private static final String INSERT_RECORD = "INSERT INTO inbound_message (mailbox, message_key, sha256, subject,"
            + " size_bytes, mail_class, action, disposition, reasons, shadow, received_at) VALUES ('support', ?, ?,"
            + " 'Re: [#1]', 100, 'reply', 'ignore', 'ignored', '', FALSE, CURRENT_TIMESTAMP)";

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

    /**
     * V26 keeps each record's content hash as its 32 bytes: a store of V25 (more records than the migration reads at
     * once) keeps every record, and every hash, once opened.
     */
    @Test
    void aStoreOfV25KeepsEveryRecordsContentHashAsItsBytes() throws SQLException {
        migrateTo("25");
        Map<String, byte[]> hashes = new TreeMap<>();
        Random random = new Random(26);
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(INSERT_RECORD)) {
            for (int i = 0; i < 2_345; i++) {
                byte[] hash = new byte[32];
                random.nextBytes(hash);
                String hex = HexFormat.of().formatHex(hash);
                String key = "imap:1:" + i;
                hashes.put(key, hash);
                insert.setString(1, key);
                insert.setString(2, i % 2 == 0 ? hex : hex.toUpperCase(Locale.ROOT));
                insert.addBatch();
            }
            insert.executeBatch();
        }

        try (Store store = Store.open(config)) {
            Map<String, byte[]> kept = store.inTransaction(c -> {
                Map<String, byte[]> found = new TreeMap<>();
                try (Statement query = c.createStatement();
                     ResultSet rows = query.executeQuery("SELECT message_key, sha256 FROM inbound_message")) {
                    while (rows.next()) {
                        found.put(rows.getString(1), rows.getBytes(2));
                    }
                }
                return found;
            });
            assertThat(kept).hasSize(hashes.size());
            assertThat(kept).allSatisfy((key, hash) -> assertThat(hash).as(key).isEqualTo(hashes.get(key)));
            assertThat(TestRows.count(store, FAILED)).isZero();

            store.inTransaction(c -> {
                assertThat(indexColumns(c, "ix_inbound_sha256")).containsExactly("mailbox", "sha256");
                try (PreparedStatement insert = c.prepareStatement(INSERT_RECORD)) {
                    insert.setString(1, "imap:1:new");
                    insert.setBytes(2, hashes.get("imap:1:7"));
                    insert.executeUpdate();
                }
                try (PreparedStatement bySha = c.prepareStatement("SELECT message_key FROM inbound_message"
                        + " WHERE mailbox = 'support' AND sha256 = ? ORDER BY id")) {
                    bySha.setBytes(1, hashes.get("imap:1:7"));
                    try (ResultSet rows = bySha.executeQuery()) {
                        List<String> found = new ArrayList<>();
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                        assertThat(found).as("a converted record and one made after, by their hash")
                                .containsExactly("imap:1:7", "imap:1:new");
                    }
                }
                return null;
            });
        }
    }

    /**
     * V27 puts the keys callers gave before behind {@code caller:} (notify/CallerKeys): a key sent again after the
     * upgrade is found, so it is still one mail, and a caller's key that had taken one of replygate's own (a digest's)
     * gives it back. Replygate's own keys stay as they are; the longest key a caller could give fits with its prefix.
     */
    @Test
    void aStoreOfV26KeepsItsCallersKeysBehindTheirPrefix() throws SQLException {
        migrateTo("26");
        String digestKey = "digest:daily:1774000000-1774086400:" + "0123456789abcdef".repeat(2);
        String longest = "k".repeat(200);
        byte[] raw = "Subject: test\r\n\r\nbody\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Connection c = connect()) {
            TestRows.insertOutbox(c, "notification", "portal-reply-99812", "n1@replygate.test", raw);
            TestRows.insertOutbox(c, "notification", "caller:portal-reply-99812", "n2@replygate.test", raw);
            TestRows.insertOutbox(c, "notification", digestKey, "n3@replygate.test", raw);
            TestRows.insertOutbox(c, "notification", longest, "n4@replygate.test", raw);
            TestRows.insertOutbox(c, "notification", null, "n5@replygate.test", raw);
            TestRows.insertOutbox(c, "answer", "answer:support:imap:1:1", "a1@replygate.test", raw);
            TestRows.insertOutbox(c, "digest", digestKey.replace(":daily:", ":weekly:"), "d1@replygate.test", raw);
        }

        try (Store store = Store.open(config)) {
            Map<String, String> keys = store.inTransaction(c -> {
                Map<String, String> found = new TreeMap<>();
                try (Statement query = c.createStatement();
                     ResultSet rows = query.executeQuery("SELECT message_id, idempotency_key FROM outbox")) {
                    while (rows.next()) {
                        found.put(rows.getString(1), String.valueOf(rows.getString(2)));
                    }
                }
                return found;
            });
            assertThat(keys).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "n1@replygate.test", "caller:portal-reply-99812",
                    "n2@replygate.test", "caller:caller:portal-reply-99812",
                    "n3@replygate.test", "caller:" + digestKey,
                    "n4@replygate.test", "caller:" + longest,
                    "n5@replygate.test", "null",
                    "a1@replygate.test", "answer:support:imap:1:1",
                    "d1@replygate.test", digestKey.replace(":daily:", ":weekly:")));
            store.inTransaction(c -> TestRows.insertOutbox(c, "digest", digestKey, "d2@replygate.test", raw));
            assertThat(TestRows.count(store, FAILED)).isZero();
        }
    }

    /** The columns of the index {@code name} of inbound_message, in order, in lower case. */
    private static List<String> indexColumns(Connection connection, String name) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (String table : List.of("inbound_message", "INBOUND_MESSAGE")) {
            try (ResultSet rows = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, table, false,
                    false)) {
                while (rows.next()) {
                    if (name.equalsIgnoreCase(rows.getString("INDEX_NAME"))) {
                        columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return columns;
    }

    /**
     * A hash that is not 64 hexadecimal characters (none that replygate wrote) fails V26 before it changes anything,
     * naming the record; once the record is mended, the next start converts the store.
     */
    @Test
    void aHashThatIsNotHexadecimalIsNamedAndNothingIsChanged() throws SQLException {
        migrateTo("25");
        long bad;
        try (Connection c = connect(); PreparedStatement insert = c.prepareStatement(INSERT_RECORD)) {
            insert.setString(1, "imap:1:1");
            insert.setString(2, "ab".repeat(32));
            insert.executeUpdate();
            insert.setString(1, "imap:1:2");
            insert.setString(2, "zz".repeat(32));
            insert.executeUpdate();
            bad = selectLong(c, "SELECT id FROM inbound_message WHERE message_key = 'imap:1:2'");
        }

        for (int start = 0; start < 2; start++) {
            assertThatThrownBy(() -> Store.open(config).close()).as("start %d", start)
                    .isInstanceOf(SchemaUpgradeRefused.class)
                    .hasMessage("V26 (content hash as bytes) cannot convert inbound_message id " + bad + ": its sha256"
                            + " is '" + "zz".repeat(32) + "', not 64 hexadecimal characters. Nothing was changed:"
                            + " correct or delete that record, then start again");
        }

        try (Connection c = connect()) {
            assertThat(selectLong(c, "SELECT COUNT(*) FROM inbound_message WHERE sha256 = '" + "ab".repeat(32) + "'"))
                    .as("the hash column as V25 left it").isEqualTo(1);
            assertThat(selectLong(c, FAILED)).as("no failed migration in the history").isZero();
            try (Statement mend = c.createStatement()) {
                mend.executeUpdate("UPDATE inbound_message SET sha256 = '" + "cd".repeat(32) + "' WHERE id = " + bad);
            }
        }
        try (Store store = Store.open(config)) {
            assertThat(TestRows.count(store, "SELECT COUNT(*) FROM inbound_message")).isEqualTo(2);
        }
    }

    /** Brings the fresh database to {@code version}, as an earlier replygate left it. */
    private void migrateTo(String version) {
        Migrations.configuration(expectedDialect())
                .dataSource(config.url(), config.username(), config.password().reveal())
                .target(version).load().migrate();
    }

    /** A connection of its own, as an admin mends a store: on an H2 file with the password the store generated. */
    private Connection connect() throws SQLException {
        Secret password = config.password().isEmpty()
                ? JdbcUrls.h2FilePath(config.url()).flatMap(GeneratedPassword::existing).orElse(config.password())
                : config.password();
        return DriverManager.getConnection(config.url(), config.username(), password.reveal());
    }

    private static long selectLong(Connection connection, String sql) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
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
