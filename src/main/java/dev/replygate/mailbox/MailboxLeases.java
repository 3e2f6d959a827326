package dev.replygate.mailbox;

import dev.replygate.outbound.LeaseOwner;
import dev.replygate.store.Columns;
import dev.replygate.store.RowLock;
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
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Which process reads each mailbox now (table {@code mailbox_lease}), so that two processes on one store
 * never read one mailbox at the same time; or, {@link Kind#IDLE}, which process watches it with IDLE
 * ({@code mailbox_idle_lease}). A lease runs out unless renewed; a holder on this machine whose process is
 * gone loses it at once ({@link LeaseOwner#state}).
 */
final class MailboxLeases {

    /** What the lease is for: its table, and how a takeover is logged. */
    enum Kind {
        READING("mailbox_lease", "taken over from"),
        IDLE("mailbox_idle_lease", "IDLE moves here from");

        private final String table;
        private final String takeover;

        Kind(String table, String takeover) {
            this.table = table;
            this.takeover = takeover;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MailboxLeases.class);

    /** Who reads a mailbox, and until when unless renewed. */
    record Holder(String name, Instant until) {
    }

    private final Store store;
    private final Clock clock;
    private final Duration lease;
    private final Kind kind;

    MailboxLeases(Store store, Clock clock, Duration lease) {
        this(store, clock, lease, Kind.READING);
    }

    MailboxLeases(Store store, Clock clock, Duration lease, Kind kind) {
        this.store = store;
        this.clock = clock;
        this.lease = lease;
        this.kind = kind;
    }

    /**
     * How long a lease holds unless renewed: a reader renews every third of it, so only a process
     * stopped that long (dead, frozen, cut off from the store) loses its mailbox to another.
     */
    Duration lease() {
        return lease;
    }

    /** Takes {@code mailbox} for {@code owner}; empty when taken, else the process that holds it. */
    Optional<Holder> take(String mailbox, String owner) {
        Instant now = clock.instant();
        return store.inTransaction(connection -> {
            RowLock.lock(connection, kind.table, "mailbox", mailbox);
            Optional<Holder> current = holder(connection, mailbox);
            if (current.isPresent() && !current.get().name().equals(owner)) {
                Holder other = current.get();
                if (other.until().isAfter(now) && LeaseOwner.stateOf(other.name()) != LeaseOwner.State.GONE) {
                    return current;
                }
                log.info("{} {}, {}", kind.takeover, other.name(),
                        other.until().isAfter(now) ? "whose process is gone" : "whose lease ended at " + other.until());
            }
            write(connection, kind.table, mailbox, owner, now.plus(lease));
            return Optional.<Holder>empty();
        });
    }

    /** Extends the lease {@code owner} holds; false when it holds it no longer (another process took it over). */
    boolean renew(String mailbox, String owner) {
        Instant until = clock.instant().plus(lease);
        return store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + kind.table + " SET lease_until = ? WHERE mailbox = ? AND holder = ?")) {
                update.setObject(1, until.atOffset(ZoneOffset.UTC));
                update.setString(2, mailbox);
                update.setString(3, owner);
                return update.executeUpdate() > 0;
            }
        });
    }

    /** Frees {@code mailbox} when {@code owner} still holds it. */
    void release(String mailbox, String owner) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE " + kind.table + " SET holder = NULL, lease_until = NULL WHERE mailbox = ? AND holder = ?")) {
                update.setString(1, mailbox);
                update.setString(2, owner);
                return update.executeUpdate();
            }
        });
    }

    /** Who holds {@code mailbox} now, if anyone. */
    Optional<Holder> holder(String mailbox) {
        return store.inTransaction(connection -> holder(connection, mailbox));
    }

    private Optional<Holder> holder(Connection connection, String mailbox) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT holder, lease_until FROM " + kind.table + " WHERE mailbox = ?")) {
            select.setString(1, mailbox);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getString("holder") == null) {
                    return Optional.empty();
                }
                Instant until = Columns.instant(row, "lease_until");
                return Optional.of(new Holder(row.getString("holder"), until == null ? Instant.EPOCH : until));
            }
        }
    }

    private static void write(Connection connection, String table, String mailbox, String owner, Instant until)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + table + " SET holder = ?, lease_until = ? WHERE mailbox = ?")) {
            update.setString(1, owner);
            update.setObject(2, until.atOffset(ZoneOffset.UTC));
            update.setString(3, mailbox);
            update.executeUpdate();
        }
    }
}
