package dev.replygate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Plain rows of the store's tables, written and read the way both dialects accept. */
final class TestRows {

    private TestRows() {
    }

    /** Inserts a queued outbox row; {@code idempotencyKey} may be null. Returns its id. */
    static long insertOutbox(Connection connection, String idempotencyKey, String messageId, byte[] rawMessage)
            throws SQLException {
        return insertOutbox(connection, "answer", idempotencyKey, messageId, rawMessage);
    }

    /** Inserts a queued outbox row of {@code kind} (answer, notification, digest). Returns its id. */
    static long insertOutbox(Connection connection, String kind, String idempotencyKey, String messageId,
                             byte[] rawMessage) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox (kind, idempotency_key, message_id, envelope_from, recipient, subject,
                                    raw_message, state, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, '', 'customer@example.com', 'Re: [Ticket ID: 123456]', ?, 'queued', ?, ?, ?)
                """, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, kind);
            insert.setString(2, idempotencyKey);
            insert.setString(3, messageId);
            insert.setBytes(4, rawMessage);
            insert.setObject(5, now);
            insert.setObject(6, now);
            insert.setObject(7, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static long insertOutbox(Connection connection, String idempotencyKey, String messageId) throws SQLException {
        return insertOutbox(connection, idempotencyKey, messageId, "Subject: test\r\n\r\nbody\r\n".getBytes());
    }

    /** Inserts a notification sent through outbox row {@code outboxId}. */
    static void insertNotification(Connection connection, String messageId, long outboxId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO notification (message_id, outbox_id, ticket_id, event, recipient, recipient_name,
                                          locale, created_at)
                VALUES (?, ?, '123456', 'answered', 'customer@example.com', 'Customer', 'fa', ?)
                """)) {
            insert.setString(1, messageId);
            insert.setLong(2, outboxId);
            insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** The raw message of the outbox row with {@code messageId}, or null when there is none. */
    static byte[] rawMessage(Connection connection, String messageId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT raw_message FROM outbox WHERE message_id = ?")) {
            select.setString(1, messageId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** {@link #rawMessage(Connection, String)} in a transaction of its own. */
    static byte[] rawMessage(Store store, String messageId) {
        return store.inTransaction(c -> rawMessage(c, messageId));
    }

    /** {@link #count(Connection, String)} in a transaction of its own. */
    static long count(Store store, String sql) {
        return store.inTransaction(c -> count(c, sql));
    }
}
