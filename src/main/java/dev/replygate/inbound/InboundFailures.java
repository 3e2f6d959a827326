package dev.replygate.inbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** The {@code inbound_failure} table: how often processing a message failed, and the last error. */
final class InboundFailures {

    static final int MAX_ERROR = 1000;

    /** Counts one more failed attempt at the message and returns how many there were in all. */
    int add(Connection connection, String mailbox, String messageKey, String error, Instant now) throws SQLException {
        String cut = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        try (PreparedStatement update = connection.prepareStatement("UPDATE inbound_failure SET attempts = attempts + 1,"
                + " last_error = ?, last_failed_at = ? WHERE mailbox = ? AND message_key = ?")) {
            update.setString(1, cut);
            update.setObject(2, now.atOffset(ZoneOffset.UTC));
            update.setString(3, mailbox);
            update.setString(4, messageKey);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbound_failure (mailbox,"
                        + " message_key, attempts, last_error, first_failed_at, last_failed_at)"
                        + " VALUES (?, ?, 1, ?, ?, ?)")) {
                    insert.setString(1, mailbox);
                    insert.setString(2, messageKey);
                    insert.setString(3, cut);
                    insert.setObject(4, now.atOffset(ZoneOffset.UTC));
                    insert.setObject(5, now.atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT attempts FROM inbound_failure WHERE mailbox = ? AND message_key = ?")) {
            query.setString(1, mailbox);
            query.setString(2, messageKey);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Removes the count of a message that is recorded now. */
    void remove(Connection connection, String mailbox, String messageKey) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM inbound_failure WHERE mailbox = ? AND message_key = ?")) {
            delete.setString(1, mailbox);
            delete.setString(2, messageKey);
            delete.executeUpdate();
        }
    }
}
