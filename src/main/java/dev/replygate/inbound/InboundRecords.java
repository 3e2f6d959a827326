package dev.replygate.inbound;

import dev.replygate.store.Columns;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code inbound_message} table. Its unique (mailbox, message_key) makes processing exactly-once. */
final class InboundRecords {

    private static final String COLUMNS = "id, mailbox, message_key, sha256, message_id, sender, return_path, subject,"
            + " size_bytes, mail_class, action, disposition, ticket_id, reasons, answer_outbox_id, answer_to, shadow,"
            + " duplicate_of, received_at";
    static final int MAX_REASONS = 8000;
    static final int MAX_SUBJECT = 1000;
    static final int MAX_MESSAGE_ID = 500;
    static final int MAX_ADDRESS = 320;
    static final int KEYS_PER_QUERY = 100;
    private static final HexFormat HEX = HexFormat.of();

    Optional<InboundRecord> findByKey(Connection connection, String mailbox, String messageKey) throws SQLException {
        return findOne(connection, "SELECT " + COLUMNS + " FROM inbound_message WHERE mailbox = ? AND message_key = ?",
                mailbox, messageKey);
    }

    /**
     * The records of these keys in the mailbox, by key: one query per {@link #KEYS_PER_QUERY} keys. The query names
     * each (mailbox, key) pair, so that H2 looks each up in the unique index: given {@code mailbox = ? AND
     * message_key IN (…)} it uses the index for the mailbox alone and compares every record of the mailbox with
     * every key of the list, a cost that grew with the store (and with the square of the batch).
     */
    Map<String, InboundRecord> findByKeys(Connection connection, String mailbox, List<String> messageKeys)
            throws SQLException {
        Map<String, InboundRecord> byKey = new HashMap<>();
        for (int from = 0; from < messageKeys.size(); from += KEYS_PER_QUERY) {
            List<String> some = messageKeys.subList(from, Math.min(messageKeys.size(), from + KEYS_PER_QUERY));
            List<Object> parameters = new ArrayList<>();
            for (String key : some) {
                parameters.add(mailbox);
                parameters.add(key);
            }
            for (InboundRecord record : findMany(connection, byKeysQuery(some.size()), some.size(),
                    parameters.toArray())) {
                byKey.put(record.messageKey(), record);
            }
        }
        return byKey;
    }

    /** The query of {@link #findByKeys} for {@code keys} keys: parameters mailbox, key, mailbox, key… */
    static String byKeysQuery(int keys) {
        return "SELECT " + COLUMNS + " FROM inbound_message WHERE (mailbox, message_key) IN ("
                + String.join(", ", Collections.nCopies(keys, "(?, ?)")) + ")";
    }

    /** The first record of these raw bytes in the mailbox: the same message under another key. */
    Optional<InboundRecord> findFirstBySha256(Connection connection, String mailbox, String sha256)
            throws SQLException {
        return findOne(connection, "SELECT " + COLUMNS + " FROM inbound_message WHERE mailbox = ? AND sha256 = ?"
                + " ORDER BY id", mailbox, hashBytes(sha256));
    }

    /**
     * The first record, in any mailbox, of a message with this Message-ID that was answered (for a
     * shadow message: that would have been answered in shadow mode).
     */
    Optional<InboundRecord> findFirstAnsweredByMessageId(Connection connection, String messageId, boolean shadow)
            throws SQLException {
        return findOne(connection, "SELECT " + COLUMNS + " FROM inbound_message WHERE message_id = ?"
                + " AND answer_to IS NOT NULL AND shadow = ? ORDER BY id", cut(messageId, MAX_MESSAGE_ID),
                shadow);
    }

    /** Inserts the record; returns its id. A second record of the same key fails on the unique key. */
    long insert(Connection connection, InboundRecord record) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbound_message (mailbox,"
                + " message_key, sha256, message_id, sender, return_path, subject, size_bytes, mail_class, action,"
                + " disposition, ticket_id, reasons, answer_outbox_id, answer_to, shadow, duplicate_of, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, record.mailbox());
            insert.setString(2, record.messageKey());
            insert.setBytes(3, hashBytes(record.sha256()));
            insert.setString(4, cut(record.messageId(), MAX_MESSAGE_ID));
            insert.setString(5, cut(record.sender(), MAX_ADDRESS));
            insert.setString(6, cut(record.returnPath(), MAX_ADDRESS));
            insert.setString(7, cut(record.subject(), MAX_SUBJECT));
            insert.setLong(8, record.size());
            insert.setString(9, record.mailClass());
            insert.setString(10, record.action());
            insert.setString(11, record.disposition());
            insert.setString(12, record.ticketId());
            insert.setString(13, cut(record.reasons(), MAX_REASONS));
            setNullableLong(insert, 14, record.answerOutboxId());
            insert.setString(15, record.answerTo());
            insert.setBoolean(16, record.shadow());
            setNullableLong(insert, 17, record.duplicateOf());
            insert.setObject(18, record.receivedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Deletes {@code withoutBytes}, a record made without its message's bytes, for the record of the message read at
     * last to take its key; when another run replaced it first, nothing is deleted, and that run's record stays.
     */
    void deleteWithoutBytes(Connection connection, InboundRecord withoutBytes) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM inbound_message WHERE id = ? AND sha256 = ?")) {
            delete.setLong(1, withoutBytes.id());
            delete.setBytes(2, hashBytes(withoutBytes.sha256()));
            delete.executeUpdate();
        }
    }

    private static Optional<InboundRecord> findOne(Connection connection, String sql, Object... parameters)
            throws SQLException {
        return findMany(connection, sql, 1, parameters).stream().findFirst();
    }

    /** At most {@code limit} records of {@code sql} (which selects {@link #COLUMNS}), in its order. */
    private static List<InboundRecord> findMany(Connection connection, String sql, int limit, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            query.setMaxRows(limit);
            List<InboundRecord> records = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(new InboundRecord(rows.getLong("id"), rows.getString("mailbox"),
                            rows.getString("message_key"), HEX.formatHex(rows.getBytes("sha256")),
                            rows.getString("message_id"), rows.getString("sender"), rows.getString("return_path"),
                            rows.getString("subject"), rows.getLong("size_bytes"), rows.getString("mail_class"),
                            rows.getString("action"), rows.getString("disposition"), rows.getString("ticket_id"),
                            rows.getString("reasons"), Columns.nullableLong(rows, "answer_outbox_id"),
                            rows.getString("answer_to"), rows.getBoolean("shadow"),
                            Columns.nullableLong(rows, "duplicate_of"), Columns.instant(rows, "received_at")));
                }
            }
            return records;
        }
    }

    Optional<InboundRecord> findById(Connection connection, long id) throws SQLException {
        return findOne(connection, "SELECT " + COLUMNS + " FROM inbound_message WHERE id = ?", id);
    }

    /**
     * The newest records first, {@code limit} of them from {@code offset}; with a {@code term}, only those
     * whose sender (any case), ticket, Message-ID or class is that term.
     */
    List<InboundRecord> search(Connection connection, String term, int offset, int limit) throws SQLException {
        if (term.isEmpty()) {
            return findMany(connection, "SELECT " + COLUMNS + " FROM inbound_message ORDER BY id DESC OFFSET ? ROWS",
                    limit, offset);
        }
        return findMany(connection, "SELECT " + COLUMNS + " FROM inbound_message WHERE LOWER(sender) = ?"
                        + " OR ticket_id = ? OR message_id = ? OR mail_class = ? ORDER BY id DESC OFFSET ? ROWS",
                limit, term.toLowerCase(Locale.ROOT), term, term, term.toLowerCase(Locale.ROOT), offset);
    }

    /**
     * The newest {@code limit} records first, only those of {@code ticket} (null: any), from {@code sender}
     * (any case; null: anyone) and received at or after {@code since} (null: ever).
     */
    List<InboundRecord> about(Connection connection, String ticket, String sender, Instant since, int limit)
            throws SQLException {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (ticket != null) {
            conditions.add("ticket_id = ?");
            parameters.add(ticket);
        }
        if (sender != null) {
            conditions.add("LOWER(sender) = ?");
            parameters.add(sender.toLowerCase(Locale.ROOT));
        }
        if (since != null) {
            conditions.add("received_at >= ?");
            parameters.add(since.atOffset(ZoneOffset.UTC));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return findMany(connection, "SELECT " + COLUMNS + " FROM inbound_message" + where + " ORDER BY id DESC",
                limit, parameters.toArray());
    }

    /** How many records each mailbox has per action since {@code since}. */
    Map<String, Map<String, Long>> countsSince(Connection connection, Instant since) throws SQLException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT mailbox, action, COUNT(*) FROM"
                + " inbound_message WHERE received_at >= ? GROUP BY mailbox, action")) {
            query.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.computeIfAbsent(rows.getString(1), m -> new TreeMap<>()).put(rows.getString(2),
                            rows.getLong(3));
                }
            }
        }
        return counts;
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** A content hash as the store keeps it (db migration V26): the digest's 32 bytes, not its hexadecimal. */
    private static byte[] hashBytes(String sha256) {
        return HEX.parseHex(sha256);
    }

    /** {@code value} as the store keeps it: its first {@code max} characters. */
    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
