package dev.replygate.outbound;

import dev.replygate.store.Store;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code outbox} table from the side that sends: claim due items under a lease, then record how
 * each attempt went.
 *
 * <p>Several processes and nodes may deliver from one store. An item is claimed by a conditional
 * update that only one of them can win ({@code state = 'queued'} and due, or {@code sending} with an
 * expired lease); only items whose update counted a row are sent. A deliverer that dies leaves its
 * items {@code sending}; once their lease has expired another deliverer takes them. The lease must
 * therefore outlast the longest batch, and nodes' clocks must roughly agree.
 *
 * <p>Every record of an outcome is guarded by the lease: a deliverer whose lease expired and was
 * taken over cannot put the item back into the queue behind the new holder's back.
 */
public final class DeliveryQueue {

    private final Store store;
    private final Clock clock;
    private final String owner;
    private final Duration lease;

    /**
     * @param owner names this deliverer in {@code lease_owner}; unique per process
     * @param lease how long a claim holds before another deliverer may take the item
     */
    public DeliveryQueue(Store store, Clock clock, String owner, Duration lease) {
        if (owner == null || owner.isBlank() || owner.length() > 200) {
            throw new IllegalArgumentException("lease owner must have 1 to 200 characters");
        }
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        this.store = store;
        this.clock = clock;
        this.owner = owner;
        this.lease = lease;
    }

    /** A lease owner name unique to this process: {@code pid@host/random}. */
    public static String processOwnerName() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String owner() {
        return owner;
    }

    /**
     * Claims up to {@code limit} due items, oldest due first, and counts an attempt for each. Items
     * another deliverer claims at the same moment are left to it.
     */
    public List<ClaimedMessage> claimDue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Instant now = clock.instant();
        return store.inTransaction(connection -> {
            List<ClaimedMessage> claimed = new ArrayList<>();
            for (long id : dueIds(connection, now, limit)) {
                if (claim(connection, id, now)) {
                    claimed.add(load(connection, id));
                }
            }
            return claimed;
        });
    }

    /** Records that an SMTP server took the item. False when this deliverer no longer holds its lease. */
    public boolean markSent(long id) {
        Instant now = clock.instant();
        return updateHeld(id, """
                UPDATE outbox SET state = 'sent', sent_at = ?, updated_at = ?, last_error = NULL,
                                  lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND state = 'sending' AND lease_owner = ?""", now, now);
    }

    /** Puts the item back in the queue until {@code nextAttemptAt}. False when the lease is no longer held. */
    public boolean markTemporaryFailure(long id, String error, Instant nextAttemptAt) {
        return updateHeld(id, """
                UPDATE outbox SET state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ?,
                                  lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND state = 'sending' AND lease_owner = ?""",
                OutboxRows.errorText(error), nextAttemptAt, clock.instant());
    }

    /** Records a final failure with the server's text. False when the lease is no longer held. */
    public boolean markFailed(long id, String error) {
        return updateHeld(id, """
                UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ?,
                                  lease_owner = NULL, lease_until = NULL
                WHERE id = ? AND state = 'sending' AND lease_owner = ?""",
                OutboxRows.errorText(error), clock.instant());
    }

    private static List<Long> dueIds(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT id FROM outbox
                WHERE (state = 'queued' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until < ?)
                ORDER BY next_attempt_at, id""")) {
            OutboxRows.setInstant(query, 1, now);
            OutboxRows.setInstant(query, 2, now);
            query.setMaxRows(limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private boolean claim(Connection connection, long id, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE outbox SET state = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1,
                                  updated_at = ?
                WHERE id = ? AND ((state = 'queued' AND next_attempt_at <= ?)
                                  OR (state = 'sending' AND lease_until < ?))""")) {
            update.setString(1, owner);
            OutboxRows.setInstant(update, 2, now.plus(lease));
            OutboxRows.setInstant(update, 3, now);
            update.setLong(4, id);
            OutboxRows.setInstant(update, 5, now);
            OutboxRows.setInstant(update, 6, now);
            return update.executeUpdate() == 1;
        }
    }

    private static ClaimedMessage load(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + OutboxRows.ITEM_COLUMNS + ", raw_message FROM outbox WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("outbox#" + id + " vanished while claimed");
                }
                return new ClaimedMessage(OutboxRows.item(row), row.getBytes(17));
            }
        }
    }

    /** Runs an update whose last two parameters are the item's id and this owner; the others are given. */
    private boolean updateHeld(long id, String sql, Object... values) {
        return store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object value : values) {
                    if (value instanceof Instant instant) {
                        OutboxRows.setInstant(update, index++, instant);
                    } else {
                        update.setString(index++, (String) value);
                    }
                }
                update.setLong(index++, id);
                update.setString(index, owner);
                return update.executeUpdate() == 1;
            }
        });
    }
}
