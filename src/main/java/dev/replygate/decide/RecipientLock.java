package dev.replygate.decide;

import dev.replygate.store.RowLock;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Locks one recipient's {@code answer_recipient} row until the caller's transaction ends, creating
 * the row first when needed. A second transaction locking the same recipient waits, so it sees
 * the first one's answer once it goes on.
 */
final class RecipientLock {

    private RecipientLock() {
    }

    static void lock(Connection connection, String recipient) throws SQLException {
        RowLock.lock(connection, "answer_recipient", "recipient", recipient);
    }
}
