package dev.replygate.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's name lock in a test database, where it is the only 64-bit advisory lock, as another process sees it. */
final class NodeNameLock {

    private static final String NAME_LOCK = "locktype = 'advisory' AND objsubid = 1"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private NodeNameLock() {
    }

    /** The lock's key. */
    static long key(Connection admin) throws SQLException {
        return single(admin, "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks WHERE granted AND "
                + NAME_LOCK);
    }

    /** The backend holding the lock. */
    static int holder(Connection admin) throws SQLException {
        return (int) single(admin, "SELECT pid FROM pg_locks WHERE granted AND " + NAME_LOCK);
    }

    /** How many sessions wait for the lock. */
    static int waiters(Connection admin) throws SQLException {
        return (int) single(admin, "SELECT count(*) FROM pg_locks WHERE NOT granted AND " + NAME_LOCK);
    }

    /** Takes the lock on {@code twin}, waiting behind its holder: PostgreSQL hands it over when that one lets go. */
    static void lockWaiting(Connection twin, long key) {
        try (PreparedStatement lock = twin.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getLong(1);
        }
    }
}
