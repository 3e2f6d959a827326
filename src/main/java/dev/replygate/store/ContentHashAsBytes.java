package dev.replygate.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Migration V26, on H2 and PostgreSQL: {@code inbound_message.sha256}, the SHA-256 of each recorded message's bytes,
 * kept as the digest's 32 bytes instead of 64 hexadecimal characters. Every record writes it into its row and into
 * {@code ix_inbound_sha256}, and every record transaction writes again each index page it touched: half the bytes,
 * and H2 writes bytes in one piece where it writes a string one character at a time (bench/README.md, "The content
 * hash as 32 bytes"). Java, not SQL, because H2 has no function that reads hexadecimal into bytes.
 *
 * <p>On H2 each DDL statement commits (db/migration/README.md): the one step that can fail on what a store holds, a
 * hash that is not hexadecimal, is checked by {@code Store} before Flyway starts ({@link #refuseUnconvertible}); the
 * conversion still refuses one it meets rather than write it.
 */
final class ContentHashAsBytes implements JavaMigration {

    private static final MigrationVersion VERSION = MigrationVersion.fromVersion("26");
    private static final int ROWS_PER_READ = 1000;
    private static final int HASH_CHARACTERS = 64;

    @Override
    public MigrationVersion getVersion() {
        return VERSION;
    }

    @Override
    public String getDescription() {
        return "content hash as bytes";
    }

    /** None: Flyway sums a file's lines; this migration's statements are fixed here and never change. */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        execute(connection, "ALTER TABLE inbound_message ADD COLUMN sha256_bytes BYTEA");
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE inbound_message SET sha256_bytes = ? WHERE id = ?")) {
            eachHash(connection, new HashVisitor() {
                private int pending;

                @Override
                public void visit(long id, String hash) throws SQLException {
                    update.setBytes(1, bytesOf(id, hash));
                    update.setLong(2, id);
                    update.addBatch();
                    if (++pending == ROWS_PER_READ) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            });
            update.executeBatch();
        }
        execute(connection, "ALTER TABLE inbound_message ALTER COLUMN sha256_bytes SET NOT NULL");
        execute(connection, "DROP INDEX ix_inbound_sha256");
        execute(connection, "ALTER TABLE inbound_message DROP COLUMN sha256");
        execute(connection, "ALTER TABLE inbound_message RENAME COLUMN sha256_bytes TO sha256");
        execute(connection, "CREATE INDEX ix_inbound_sha256 ON inbound_message (mailbox, sha256)");
    }

    /**
     * Throws {@link SchemaUpgradeRefused} naming the first record whose hash this migration cannot convert. {@code
     * Store} calls it before Flyway runs, so that on H2 a refusal leaves no failed migration in the store's history.
     */
    static void refuseUnconvertible(Connection connection) throws SQLException {
        eachHash(connection, (id, hash) -> {
            if (!isHash(hash)) {
                throw SchemaUpgradeRefused.unconvertible(notAHash(id, hash));
            }
        });
    }

    /** Every record's id and hexadecimal hash, in order of id, read {@link #ROWS_PER_READ} at a time. */
    private static void eachHash(Connection connection, HashVisitor visitor) throws SQLException {
        try (PreparedStatement page = connection.prepareStatement("SELECT id, sha256 FROM inbound_message"
                + " WHERE id > ? ORDER BY id FETCH FIRST " + ROWS_PER_READ + " ROWS ONLY")) {
            long after = Long.MIN_VALUE;
            boolean more = true;
            while (more) {
                page.setLong(1, after);
                int read = 0;
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getLong(1);
                        visitor.visit(after, rows.getString(2));
                        read++;
                    }
                }
                more = read == ROWS_PER_READ;
            }
        }
    }

    private static boolean isHash(String hash) {
        return hash != null && hash.length() == HASH_CHARACTERS && hash.chars().allMatch(HexFormat::isHexDigit);
    }

    /** The 32 bytes of a recorded hash, which {@link #refuseUnconvertible} found to be one. */
    private static byte[] bytesOf(long id, String hash) {
        if (!isHash(hash)) {
            throw new IllegalStateException(notAHash(id, hash));
        }
        return HexFormat.of().parseHex(hash);
    }

    private static String notAHash(long id, String hash) {
        return "V26 (content hash as bytes) cannot convert inbound_message id " + id + ": its sha256 is "
                + (hash == null ? "NULL" : "'" + hash + "'") + ", not " + HASH_CHARACTERS
                + " hexadecimal characters. Nothing was changed: correct or delete that record, then start again";
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @FunctionalInterface
    private interface HashVisitor {
        void visit(long id, String hash) throws SQLException;
    }
}
