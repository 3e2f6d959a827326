package dev.replygate.decide;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Locks one recipient's {@code answer_recipient} row until the caller's transaction ends, creating
 * the row first when needed. A second transaction locking the same recipient waits, so it sees the
 * first one's answer once it goes on.
 */
final class RecipientLock {

    private static final String UNIQUE_VIOLATION = "23505";

    private RecipientLock() {
    }

    static void lock(Connection connection, String recipient) throws SQLException {
        // A failed statement aborts a PostgreSQL transaction: the savepoint keeps the caller's usable.
        Savepoint savepoint = connection.setSavepoint();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO answer_recipient (recipient) VALUES (?)")) {
            insert.setString(1, recipient);
            insert.executeUpdate();
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback(savepoint);
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT recipient FROM answer_recipient WHERE recipient = ? FOR UPDATE")) {
            select.setString(1, recipient);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("answer_recipient row of " + recipient + " vanished");
                }
            }
        }
    }
}
