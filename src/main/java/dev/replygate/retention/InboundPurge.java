package dev.replygate.retention;

import dev.replygate.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Purges the inbound side: records of received messages (inbound_message), the counts of failed
 * attempts (inbound_failure), the answer log and its lock rows (answer_recipient). A record stays,
 * whatever its age, while its message may still be on the server (its key is what stops the message
 * being answered again), and while its answer is not sent.
 */
final class InboundPurge {

    private static final String POP3_PREFIX = "pop3:";
    private static final long SECONDS_PER_MINUTE = 60;
    /** The record's answer is queued, being sent, or failed (and may be retried). */
    private static final String ANSWER_PENDING = "EXISTS (SELECT 1 FROM outbox o WHERE o.id = m.answer_outbox_id"
            + " AND o.state <> 'sent')";
    /** A POP3 message that stays on the server is in pop3_seen under its UIDL. */
    private static final String STILL_ON_POP3_SERVER = "EXISTS (SELECT 1 FROM pop3_seen p WHERE p.mailbox = m.mailbox"
            + " AND p.uidl = SUBSTRING(m.message_key, " + (POP3_PREFIX.length() + 1) + "))";

    /**
     * An answer_recipient row is the lock of an address, {@code domain:<domain>} or {@code mailbox:<name>};
     * it stays while the answer log has a row under its key (the decide package's AnswerRateLimiter).
     */
    private static final String LOCK_IN_USE = "(EXISTS (SELECT 1 FROM answer_log l WHERE l.recipient = r.recipient)"
            + " OR r.recipient LIKE 'domain:%' AND EXISTS (SELECT 1 FROM answer_log l"
            + " WHERE l.recipient_domain = SUBSTRING(r.recipient, 8))"
            + " OR r.recipient LIKE 'mailbox:%' AND EXISTS (SELECT 1 FROM answer_log l"
            + " WHERE l.mailbox = SUBSTRING(r.recipient, 9)))";

    private final Store store;
    private final int batchSize;

    InboundPurge(Store store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    /** Deletes the records received before {@code horizon} that nothing needs any more. */
    long purgeRecords(Instant horizon) {
        long[] after = {0};
        return Batches.run(store, connection -> {
            MovedMessages moved = MovedMessages.read(connection);
            List<Long> deletable = new ArrayList<>();
            int found = 0;
            try (PreparedStatement query = connection.prepareStatement("SELECT m.id, m.mailbox, m.message_key"
                    + " FROM inbound_message m WHERE m.received_at < ? AND m.id > ? AND NOT " + ANSWER_PENDING
                    + " AND NOT " + STILL_ON_POP3_SERVER + " ORDER BY m.id" + RowIds.first(batchSize))) {
                query.setObject(1, horizon.atOffset(ZoneOffset.UTC));
                query.setLong(2, after[0]);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found++;
                        after[0] = rows.getLong(1);
                        if (leftTheServer(moved, rows.getString(2), rows.getString(3))) {
                            deletable.add(rows.getLong(1));
                        }
                    }
                }
            }
            // The conditions again, in the statement that deletes: an answer retried meanwhile keeps its record.
            int deleted = RowIds.update(connection, "DELETE FROM inbound_message m WHERE m.id IN (IDS)"
                    + " AND m.received_at < ? AND NOT " + ANSWER_PENDING, deletable, horizon);
            return new Batches.Batch(deleted, 0, found == batchSize);
        }).deleted();
    }

    /**
     * Deletes the answer log's rows of answers given before {@code horizon}, and the answers per minute
     * ({@code answer_count}) of the minutes before it; returns how many answer log rows went.
     */
    long purgeAnswerLog(Instant horizon) {
        long deleted = Batches.run(store, connection -> {
            List<Long> ids = RowIds.select(connection, "SELECT id FROM answer_log WHERE answered_at < ? ORDER BY id"
                    + RowIds.first(batchSize), horizon);
            int rows = RowIds.update(connection, "DELETE FROM answer_log WHERE id IN (IDS)", ids);
            return new Batches.Batch(rows, 0, ids.size() == batchSize);
        }).deleted();
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM answer_count WHERE epoch_minute < ?")) {
                delete.setLong(1, Math.floorDiv(horizon.getEpochSecond(), SECONDS_PER_MINUTE));
                return delete.executeUpdate();
            }
        });
        return deleted;
    }

    /**
     * Deletes the counts of failed attempts last made before {@code horizon}. A message still in the
     * mailbox is tried at every poll until recorded, which moves its last attempt on: an old count is the
     * trace of a message recorded (or gone) since.
     */
    long purgeFailures(Instant horizon) {
        return Batches.run(store, connection -> {
            int found = 0;
            int deleted = 0;
            try (PreparedStatement query = connection.prepareStatement("SELECT mailbox, message_key FROM inbound_failure"
                    + " WHERE last_failed_at < ?" + RowIds.first(batchSize));
                 PreparedStatement delete = connection.prepareStatement("DELETE FROM inbound_failure"
                         + " WHERE mailbox = ? AND message_key = ? AND last_failed_at < ?")) {
                query.setObject(1, horizon.atOffset(ZoneOffset.UTC));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found++;
                        delete.setString(1, rows.getString(1));
                        delete.setString(2, rows.getString(2));
                        // Again in the delete: a message that failed once more meanwhile keeps its count.
                        delete.setObject(3, horizon.atOffset(ZoneOffset.UTC));
                        delete.addBatch();
                    }
                }
                if (found > 0) {
                    for (int count : delete.executeBatch()) {
                        deleted += Math.max(count, 0);
                    }
                }
            }
            return new Batches.Batch(deleted, 0, found == batchSize);
        }).deleted();
    }

    /**
     * Deletes the lock rows of recipients, domains and mailboxes the answer log no longer names (run it
     * after {@link #purgeAnswerLog}). A lock row holds nothing: the next answer creates it again.
     */
    long purgeRecipientLocks() {
        return Batches.run(store, connection -> {
            List<String> keys = RowIds.select(connection, String.class, "SELECT r.recipient FROM answer_recipient r"
                    + " WHERE NOT " + LOCK_IN_USE + " ORDER BY r.recipient" + RowIds.first(batchSize));
            // Again in the delete: an answer logged meanwhile keeps its lock row.
            int deleted = RowIds.update(connection, "DELETE FROM answer_recipient r WHERE r.recipient IN (IDS)"
                    + " AND NOT " + LOCK_IN_USE, keys);
            return new Batches.Batch(deleted, 0, keys.size() == batchSize);
        }).deleted();
    }

    /** POP3: not in pop3_seen (checked by the query). IMAP: moved out. Any other key: kept. */
    private static boolean leftTheServer(MovedMessages moved, String mailbox, String messageKey) {
        if (messageKey.startsWith(POP3_PREFIX)) {
            return true;
        }
        return MovedMessages.isImap(messageKey) && moved.movedOut(mailbox, messageKey);
    }
}
