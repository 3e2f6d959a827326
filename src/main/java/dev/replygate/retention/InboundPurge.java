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
 * Purges the inbound side: records of received messages (inbound_message) and the answer log. A
 * record stays, whatever its age, while its message may still be on the server (its key is what stops
 * the message being answered again), and while its answer is not sent.
 */
final class InboundPurge {

    private static final String POP3_PREFIX = "pop3:";
    /** The record's answer is queued, being sent, or failed (and may be retried). */
    private static final String ANSWER_PENDING = "EXISTS (SELECT 1 FROM outbox o WHERE o.id = m.answer_outbox_id"
            + " AND o.state <> 'sent')";
    /** A POP3 message that stays on the server is in pop3_seen under its UIDL. */
    private static final String STILL_ON_POP3_SERVER = "EXISTS (SELECT 1 FROM pop3_seen p WHERE p.mailbox = m.mailbox"
            + " AND p.uidl = SUBSTRING(m.message_key, " + (POP3_PREFIX.length() + 1) + "))";

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

    /** Deletes the answer log's rows of answers given before {@code horizon}. */
    long purgeAnswerLog(Instant horizon) {
        return Batches.run(store, connection -> {
            List<Long> ids = RowIds.select(connection, "SELECT id FROM answer_log WHERE answered_at < ? ORDER BY id"
                    + RowIds.first(batchSize), horizon);
            int deleted = RowIds.update(connection, "DELETE FROM answer_log WHERE id IN (IDS)", ids);
            return new Batches.Batch(deleted, 0, ids.size() == batchSize);
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
