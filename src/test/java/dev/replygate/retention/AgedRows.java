package dev.replygate.retention;

import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Rows of the store's tables written as if made at a given time, many at once: what a store holds after
 * months of work. Both dialects accept the SQL.
 */
final class AgedRows {

    private static final int JDBC_BATCH = 1000;
    private static final byte[] RAW = "Subject: test\r\n\r\nbody\r\n".getBytes();
    private static final String INSERT_RECORD = """
            INSERT INTO inbound_message (mailbox, message_key, sha256, message_id, sender, subject, size_bytes,
                mail_class, action, disposition, reasons, answer_outbox_id, answer_to, shadow, received_at)
            VALUES (?, ?, ?, ?, 'customer@customer.test', 'Hello', 100, 'new', 'redirect', 'redirected',
                'class: new', ?, ?, FALSE, ?)""";

    private final Store store;

    AgedRows(Store store) {
        this.store = store;
    }

    /** Inserts {@code count} outbox items of {@code kind} in {@code state}, made and last changed at {@code at}
     *  (sent then, when sent); returns their ids in order. */
    List<Long> outboxItems(int count, String kind, String state, Instant at) {
        String prefix = "aged-" + kind + "-" + state + "-" + at.toEpochMilli() + "-" + System.nanoTime() + "-";
        return store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO outbox (kind, message_id, envelope_from, recipient, subject, raw_message, state,
                                        next_attempt_at, created_at, updated_at, sent_at)
                    VALUES (?, ?, '', 'customer@customer.test', 'Re: test', ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, kind);
                    insert.setString(2, prefix + i + "@hosting.test");
                    insert.setBytes(3, RAW);
                    insert.setString(4, state);
                    insert.setObject(5, utc(at));
                    insert.setObject(6, utc(at));
                    insert.setObject(7, utc(at));
                    insert.setObject(8, "sent".equals(state) ? utc(at) : null);
                    addToBatch(insert, i, count);
                }
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id FROM outbox WHERE message_id LIKE ? ORDER BY id")) {
                select.setString(1, prefix + "%");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    long outboxItem(String kind, String state, Instant at) {
        return outboxItems(1, kind, state, at).get(0);
    }

    /**
     * Inserts records of messages {@code imap:<uidValidity>:<firstUid + i>} of {@code mailbox}, received at
     * {@code at}; the first {@code answers.size()} answered by those outbox items.
     */
    void imapRecords(String mailbox, long uidValidity, long firstUid, int count, Instant at, List<Long> answers) {
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_RECORD)) {
                for (int i = 0; i < count; i++) {
                    String key = "imap:" + uidValidity + ":" + (firstUid + i);
                    insert(insert, mailbox, key, at, i < answers.size() ? answers.get(i) : null);
                    addToBatch(insert, i, count);
                }
            }
            return null;
        });
    }

    /** Inserts the record of message {@code key} (any kind of key) of {@code mailbox}, received at {@code at}. */
    void record(String mailbox, String key, Instant at, Long answer) {
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_RECORD)) {
                insert(insert, mailbox, key, at, answer);
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static void insert(PreparedStatement insert, String mailbox, String key, Instant at, Long answer)
            throws SQLException {
        insert.setString(1, mailbox);
        insert.setString(2, key);
        insert.setBytes(3, HexFormat.of().parseHex(String.format("%064x", key.hashCode() & 0xffffffffL)));
        insert.setString(4, key + "@customer.test");
        insert.setObject(5, answer);
        insert.setString(6, answer == null ? null : "customer@customer.test");
        insert.setObject(7, utc(at));
    }

    /** Inserts {@code count} answer-log rows of answers given at {@code at}. */
    void answerLog(int count, Instant at) {
        String prefix = "aged-" + at.toEpochMilli() + "-" + System.nanoTime() + ":";
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO answer_log (recipient, ticket_id,"
                    + " inbound_key, answered_at, mailbox, recipient_domain) VALUES ('customer@customer.test',"
                    + " NULL, ?, ?, 'support', 'customer.test')")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, prefix + i);
                    insert.setObject(2, utc(at));
                    addToBatch(insert, i, count);
                }
            }
            return null;
        });
    }

    /** Inserts one answer-log row of an answer given at {@code at}. */
    void answer(String recipient, String domain, String mailbox, Instant at) {
        update("INSERT INTO answer_log (recipient, ticket_id, inbound_key, answered_at, mailbox, recipient_domain)"
                + " VALUES (?, NULL, ?, ?, ?, ?)", recipient, "aged-" + System.nanoTime(), at, mailbox, domain);
    }

    /** Inserts the lock rows of {@code keys}: addresses, {@code domain:<domain>} or {@code mailbox:<name>}. */
    void recipientLocks(String... keys) {
        for (String key : keys) {
            update("INSERT INTO answer_recipient (recipient) VALUES (?)", key);
        }
    }

    /** Inserts the counts of failed attempts at {@code count} messages of {@code mailbox}, last made at {@code at}. */
    void failures(String mailbox, int count, Instant at) {
        String prefix = "aged:" + at.toEpochMilli() + "-" + System.nanoTime() + ":";
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO inbound_failure (mailbox, message_key,"
                    + " attempts, last_error, first_failed_at, last_failed_at) VALUES (?, ?, 1, 'boom', ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, mailbox);
                    insert.setString(2, prefix + i);
                    insert.setObject(3, utc(at));
                    insert.setObject(4, utc(at));
                    addToBatch(insert, i, count);
                }
            }
            return null;
        });
    }

    /** Inserts {@code count} lock rows of recipients the answer log does not name. */
    void unusedRecipientLocks(int count) {
        String prefix = "aged-" + System.nanoTime() + "-";
        store.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO answer_recipient (recipient) VALUES (?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, prefix + i + "@aged.test");
                    addToBatch(insert, i, count);
                }
            }
            return null;
        });
    }

    /** Inserts the count of failed attempts at message {@code key} of {@code mailbox}. */
    void failure(String mailbox, String key, Instant first, Instant last) {
        update("INSERT INTO inbound_failure (mailbox, message_key, attempts, last_error, first_failed_at,"
                + " last_failed_at) VALUES (?, ?, 1, 'boom', ?, ?)", mailbox, key, first, last);
    }

    void notification(String messageId, long outboxId, Instant at) {
        update("INSERT INTO notification (message_id, outbox_id, ticket_id, event, recipient, recipient_name, locale,"
                + " created_at) VALUES (?, ?, '123456', 'answered', 'customer@customer.test', 'Customer', 'en', ?)",
                messageId, outboxId, utc(at));
    }

    /** Says that every message of {@code mailbox} up to {@code lastUid} was read and moved out in move mode. */
    void moveCursor(String mailbox, long uidValidity, long lastUid) {
        update("INSERT INTO mailbox_cursor (mailbox, read_mode, uid_validity, last_uid, updated_at)"
                + " VALUES (?, 'move', ?, ?, ?)", mailbox, uidValidity, lastUid, utc(Instant.now()));
    }

    void pop3Seen(String mailbox, String uidl) {
        update("INSERT INTO pop3_seen (mailbox, read_mode, uidl, seen_at) VALUES (?, 'keep', ?, ?)", mailbox, uidl,
                utc(Instant.now()));
    }

    long count(String sql, Object... parameters) {
        return store.inTransaction(c -> {
            try (PreparedStatement query = prepare(c, sql, parameters); ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void update(String sql, Object... parameters) {
        store.inTransaction(c -> {
            try (PreparedStatement statement = prepare(c, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i] instanceof Instant at ? utc(at) : parameters[i]);
        }
        return statement;
    }

    /** Adds the statement's parameters to its batch, and runs the batch every {@value #JDBC_BATCH} rows and at the end. */
    private static void addToBatch(PreparedStatement insert, int index, int count) throws SQLException {
        insert.addBatch();
        if ((index + 1) % JDBC_BATCH == 0 || index + 1 == count) {
            insert.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
