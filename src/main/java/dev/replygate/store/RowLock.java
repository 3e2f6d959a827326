package dev.replygate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Locks the row of {@code key} in a table keyed by one column until the caller's transaction ends,
 * creating the row first when needed. A second transaction locking the same key waits, so it sees
 * what the first one wrote once it goes on.
 */
public final class RowLock {

    /** The retention purge may delete the row between our insert and our lock; then we create it again. */
    private static final int ATTEMPTS = 3;

    private RowLock() {
    }

    /** {@code table} and {@code keyColumn} are the caller's constants, never input. */
    public static void lock(Connection connection, String table, String keyColumn, String key) throws SQLException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            // Locks an existing row first: creating it is rare, and a failed insert's rollback to its savepoint
            // would empty H2's per-session cache of parsed statements on every lock.
            if (lockExisting(connection, table, keyColumn, key)) {
                return;
            }
            insertIfAbsent(connection, table, keyColumn, key);
        }
        if (!lockExisting(connection, table, keyColumn, key)) {
            throw new SQLException(table + " row of " + key + " vanished " + ATTEMPTS + " times");
        }
    }

    private static void insertIfAbsent(Connection connection, String table, String keyColumn, String key)
            throws SQLException {
        // A failed statement aborts a PostgreSQL transaction: the savepoint keeps the caller's usable.
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " (" + keyColumn + ") VALUES (?)")) {
            insert.setString(1, key);
            insert.executeUpdate();
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!StoreException.isUniqueViolation(e)) {
                throw e;
            }
            connection.rollback(savepoint); // another transaction created it meanwhile
        }
    }

    private static boolean lockExisting(Connection connection, String table, String keyColumn, String key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + keyColumn + " FROM " + table + " WHERE " + keyColumn + " = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
