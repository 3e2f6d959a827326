package dev.replygate.outbound;

import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The {@code outbox} table from the side of those who fill and watch it: queue a message, look at
 * items, queue a failed one again. {@link DeliveryQueue} is the side that sends.
 */
public final class Outbox {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Store store;
    private final Clock clock;

    public Outbox(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Queues {@code entry} for delivery now, inside the caller's transaction, so that the caller's own
     * rows commit or roll back with it. An entry whose idempotency key is already in the outbox is not
     * added; the result names the earlier item instead.
     *
     * <p>The unique key decides, not a look beforehand, so two callers racing with one key get one
     * item. The insert runs under a savepoint: a failed statement aborts a PostgreSQL transaction,
     * and rolling back to the savepoint keeps the caller's transaction usable.
     */
    public EnqueueResult enqueue(Connection connection, OutboxEntry entry) throws SQLException {
        if (entry.idempotencyKey() == null) {
            return new EnqueueResult(insert(connection, entry), true);
        }
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try {
            long id = insert(connection, entry);
            if (savepoint != null) {
                connection.releaseSavepoint(savepoint);
            }
            return new EnqueueResult(id, true);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            // the violated key may be the Message-ID's: then there is no earlier item, and it is an error
            Optional<Long> existing = idByKey(connection, entry.idempotencyKey());
            if (existing.isEmpty()) {
                throw e;
            }
            return new EnqueueResult(existing.get(), false);
        }
    }

    public Optional<OutboxItem> find(long id) {
        return store.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + OutboxRows.ITEM_COLUMNS + " FROM outbox WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(OutboxRows.item(row)) : Optional.empty();
                }
            }
        });
    }

    /** The newest {@code limit} items, newest first. */
    public List<OutboxItem> list(int limit) {
        return list("SELECT " + OutboxRows.ITEM_COLUMNS + " FROM outbox ORDER BY id DESC", null, limit);
    }

    /** The newest {@code limit} items in {@code state}, newest first. */
    public List<OutboxItem> list(OutboxState state, int limit) {
        return list("SELECT " + OutboxRows.ITEM_COLUMNS + " FROM outbox WHERE state = ? ORDER BY id DESC",
                state, limit);
    }

    /** How many items are in each state but sent, and when the oldest not yet sent was queued. */
    public OutboxDepth depth() {
        return store.inTransaction(connection -> {
            Map<OutboxState, Long> counts = new EnumMap<>(OutboxState.class);
            Instant oldestWaiting = null;
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT state, COUNT(*), MIN(created_at) FROM outbox
                     WHERE state IN ('queued', 'sending', 'failed') GROUP BY state""");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    OutboxState state = OutboxState.ofDbValue(row.getString(1));
                    counts.put(state, row.getLong(2));
                    OffsetDateTime oldest = row.getObject(3, OffsetDateTime.class);
                    if (state != OutboxState.FAILED && oldest != null
                            && (oldestWaiting == null || oldest.toInstant().isBefore(oldestWaiting))) {
                        oldestWaiting = oldest.toInstant();
                    }
                }
            }
            for (OutboxState state : List.of(OutboxState.QUEUED, OutboxState.SENDING, OutboxState.FAILED)) {
                counts.putIfAbsent(state, 0L);
            }
            return new OutboxDepth(counts, Optional.ofNullable(oldestWaiting));
        });
    }

    /**
     * Queues a failed or waiting item for an attempt now, with a fresh delivery window and attempt
     * count. False when there is no such item or it is sent or being sent.
     */
    public boolean retry(long id) {
        Instant now = clock.instant();
        return store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, retried_at = ?,
                                      updated_at = ?, lease_owner = NULL, lease_until = NULL
                    WHERE id = ? AND state IN ('queued', 'failed')""")) {
                OutboxRows.setInstant(update, 1, now);
                OutboxRows.setInstant(update, 2, now);
                OutboxRows.setInstant(update, 3, now);
                update.setLong(4, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    private List<OutboxItem> list(String sql, OutboxState state, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        return store.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (state != null) {
                    query.setString(1, state.dbValue());
                }
                query.setMaxRows(limit);
                List<OutboxItem> items = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        items.add(OutboxRows.item(rows));
                    }
                }
                return items;
            }
        });
    }

    private long insert(Connection connection, OutboxEntry entry) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO outbox (kind, idempotency_key, message_id, envelope_from, recipient, subject, ticket_id,
                                    raw_message, state, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)""", new String[] {"id"})) {
            insert.setString(1, entry.kind().dbValue());
            insert.setString(2, entry.idempotencyKey());
            insert.setString(3, entry.messageId());
            insert.setString(4, entry.envelopeFrom());
            insert.setString(5, entry.recipient());
            insert.setString(6, entry.subject());
            insert.setString(7, entry.ticketId());
            insert.setBytes(8, entry.rawMessage());
            OutboxRows.setInstant(insert, 9, now);
            OutboxRows.setInstant(insert, 10, now);
            OutboxRows.setInstant(insert, 11, now);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new outbox item");
                }
                return keys.getLong(1);
            }
        }
    }

    private static Optional<Long> idByKey(Connection connection, String idempotencyKey) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM outbox WHERE idempotency_key = ?")) {
            query.setString(1, idempotencyKey);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getLong("id")) : Optional.empty();
            }
        }
    }
}
