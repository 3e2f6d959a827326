package dev.replygate.outbound;

import dev.replygate.store.Dialect;
import dev.replygate.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code outbox} table from the side that sends: claim due items under a lease, keep the lease
 * while sending, then record how each attempt went.
 *
 * <p>Several processes and nodes may deliver from one store. An item is claimed by a conditional
 * update that only one of them can win ({@code state = 'queued'} and due, or {@code sending} with an
 * expired lease); only items whose update counted a row are sent. The lease is short (one message's
 * worst case, see {@link OutboxDeliverer#leaseFor}); the deliverer {@linkplain #renewLease renews} it
 * for its whole batch before each message, so a batch may take as long as it needs while an item of a
 * dead deliverer comes back within minutes. Nodes' clocks must roughly agree.
 *
 * <p>A deliverer that dies leaves its items {@code sending}. Before each claim, items whose holder
 * ({@link LeaseOwner}) ran on this machine in a process that is gone are released at once: queued,
 * due now, with a note in {@code last_error}. Items of a live holder are never released; those of a
 * holder on another machine wait for their lease to expire.
 *
 * <p>Every record of an outcome is guarded by the lease: a deliverer whose lease expired and was
 * taken over cannot put the item back into the queue behind the new holder's back.
 *
 * <p>Each node delivers ({@code StageScheduler.onEveryNode}), so several deliverers claim at once. On
 * PostgreSQL their claims take turns (a transaction-level advisory lock, held for the claim only, not while
 * sending): each claim sees what the others claimed and takes the next due items instead of waiting on their
 * rows and coming back with few or none. What one deliverer gave a recipient in order stays in order with
 * several: an item is not claimed while another deliverer holds an item to the same recipient under a live
 * lease; it goes once that one is done, to whichever deliverer claims next.
 */
public final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    /**
     * The key of the claims' turn on PostgreSQL, in the two-key space of advisory locks (the node names' locks
     * are in the one-key space: the two never meet): 'rg' and 1.
     */
    private static final int CLAIM_LOCK_CLASS = 0x7267;
    private static final int CLAIM_LOCK_ID = 1;
    /** Whether another deliverer holds an item to the recipient of {@code o} under a live lease. */
    private static final String RECIPIENT_HELD_ELSEWHERE = """
            EXISTS (SELECT 1 FROM outbox held WHERE held.state = 'sending' AND held.recipient = o.recipient
                    AND held.lease_until >= ? AND held.lease_owner <> ?)""";
    private static final String DUE_IDS = """
            SELECT id FROM (
                (SELECT id, next_attempt_at FROM outbox o WHERE state = 'queued' AND next_attempt_at <= ?
                 AND NOT %1$s
                 ORDER BY next_attempt_at, id FETCH FIRST ? ROWS ONLY)
                UNION ALL
                (SELECT id, next_attempt_at FROM outbox o WHERE state = 'sending' AND lease_until < ?
                 AND NOT %1$s
                 ORDER BY next_attempt_at, id FETCH FIRST ? ROWS ONLY)
            ) due
            ORDER BY next_attempt_at, id""".formatted(RECIPIENT_HELD_ELSEWHERE);

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

    /** A new lease owner name of this process (see {@link LeaseOwner}). */
    public static String processOwnerName() {
        return LeaseOwner.ofThisProcess().name();
    }

    public String owner() {
        return owner;
    }

    /**
     * Claims up to {@code limit} due items, oldest due first, and counts an attempt for each. Items
     * another deliverer claims at the same moment are left to it. Items of a holder that is gone are
     * released first, so that they are claimed now.
     */
    public List<ClaimedMessage> claimDue(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Instant now = clock.instant();
        return store.inTransaction(connection -> {
            takeClaimTurn(connection);
            releaseAbandoned(connection, now);
            List<ClaimedMessage> claimed = new ArrayList<>();
            for (long id : dueIds(connection, now, limit)) {
                if (claim(connection, id, now)) {
                    claimed.add(load(connection, id));
                }
            }
            return claimed;
        });
    }

    /** How long a claim or a renewal holds the items. */
    public Duration lease() {
        return lease;
    }

    /**
     * Extends the lease of every item this deliverer holds to a full lease from now, and tells whether
     * item {@code id} is still among them (false: its lease expired and another deliverer took it).
     */
    public boolean renewLease(long id) {
        return renewLeases(List.of(id)).contains(id);
    }

    /**
     * Extends the lease of every item this deliverer holds to a full lease from now, in one transaction, and
     * returns those of {@code ids} it still holds (the others' lease expired and another deliverer took them,
     * or they are no longer sending).
     */
    public Set<Long> renewLeases(Collection<Long> ids) {
        Instant now = clock.instant();
        return store.inTransaction(connection -> {
            try (PreparedStatement renew = connection.prepareStatement(
                    "UPDATE outbox SET lease_until = ? WHERE state = 'sending' AND lease_owner = ?")) {
                OutboxRows.setInstant(renew, 1, now.plus(lease));
                renew.setString(2, owner);
                renew.executeUpdate();
            }
            Set<Long> held = new HashSet<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id FROM outbox WHERE state = 'sending' AND lease_owner = ?")) {
                select.setString(1, owner);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        long id = rows.getLong(1);
                        if (ids.contains(id)) {
                            held.add(id);
                        }
                    }
                }
            }
            return held;
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

    /** On PostgreSQL, waits for the claims of the other deliverers to commit; the turn ends with the transaction. */
    private void takeClaimTurn(Connection connection) throws SQLException {
        if (store.dialect() != Dialect.POSTGRESQL) {
            return;
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, CLAIM_LOCK_CLASS);
            lock.setInt(2, CLAIM_LOCK_ID);
            lock.execute();
        }
    }

    /** Puts back in the queue, due now, the items of every holder whose process is gone. */
    private void releaseAbandoned(Connection connection, Instant now) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT DISTINCT lease_owner FROM outbox WHERE state = 'sending' AND lease_owner IS NOT NULL")) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getString("lease_owner"));
                }
            }
        }
        for (String holder : holders) {
            if (!holder.equals(owner) && LeaseOwner.stateOf(holder) == LeaseOwner.State.GONE) {
                release(connection, holder, now);
            }
        }
    }

    private static void release(Connection connection, String holder, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE outbox SET state = 'queued', next_attempt_at = ?, updated_at = ?, last_error = ?,
                                  lease_owner = NULL, lease_until = NULL
                WHERE state = 'sending' AND lease_owner = ?""")) {
            // the columns keep microseconds and round: a nanosecond 'now' could be stored just after
            // itself, and the claim that follows in this transaction would not find the item due
            OutboxRows.setInstant(update, 1, now.truncatedTo(ChronoUnit.MICROS));
            OutboxRows.setInstant(update, 2, now);
            update.setString(3, OutboxRows.errorText(
                    "released: the process that was sending it (" + holder + ") is gone"));
            update.setString(4, holder);
            int released = update.executeUpdate();
            if (released > 0) {
                LOG.warn("released {} outbox item(s) that {} was sending: that process is gone; they are due now"
                        + " (any the SMTP server took before it died go again, with the same Message-ID)",
                        released, holder);
            }
        }
    }

    /**
     * The first {@code limit} due items by (next_attempt_at, id): queued ones whose time has come, and sending
     * ones whose lease ran out; none to a recipient another deliverer is sending to. One index range per state
     * (an OR of the two made H2 scan the whole outbox).
     */
    private List<Long> dueIds(Connection connection, Instant now, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(DUE_IDS)) {
            int index = 1;
            for (int branch = 0; branch < 2; branch++) {
                OutboxRows.setInstant(query, index++, now);
                OutboxRows.setInstant(query, index++, now);
                query.setString(index++, owner);
                query.setInt(index++, limit);
            }
            query.setMaxRows(limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong("id"));
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
                return new ClaimedMessage(OutboxRows.item(row), row.getBytes("raw_message"));
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
