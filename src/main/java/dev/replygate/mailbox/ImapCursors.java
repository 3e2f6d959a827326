package dev.replygate.mailbox;

import dev.replygate.store.Store;
import dev.replygate.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

/** How far each IMAP folder has been read, per read mode (table {@code mailbox_cursor}). */
final class ImapCursors {

    private final Store store;
    private final Clock clock;

    ImapCursors(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Every message up to {@code lastUid} in the UIDVALIDITY epoch {@code uidValidity} is done. */
    record Cursor(long uidValidity, long lastUid) {
    }

    Optional<Cursor> load(String mailbox, String readMode) {
        return store.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT uid_validity, last_uid FROM mailbox_cursor WHERE mailbox = ? AND read_mode = ?")) {
                select.setString(1, mailbox);
                select.setString(2, readMode);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Cursor(row.getLong("uid_validity"), row.getLong("last_uid"))) : Optional.empty();
                }
            }
        });
    }

    void save(String mailbox, String readMode, Cursor cursor) {
        try {
            store.inTransaction(connection -> {
                if (update(connection, mailbox, readMode, cursor) == 0) {
                    insert(connection, mailbox, readMode, cursor);
                }
                return null;
            });
        } catch (StoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // Another process inserted the row first (only one reads a mailbox at a time, but be sure).
            store.inTransaction(connection -> update(connection, mailbox, readMode, cursor));
        }
    }

    private int update(Connection connection, String mailbox, String readMode, Cursor cursor) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE mailbox_cursor"
                + " SET uid_validity = ?, last_uid = ?, updated_at = ? WHERE mailbox = ? AND read_mode = ?")) {
            update.setLong(1, cursor.uidValidity());
            update.setLong(2, cursor.lastUid());
            update.setObject(3, clock.instant().atOffset(ZoneOffset.UTC));
            update.setString(4, mailbox);
            update.setString(5, readMode);
            return update.executeUpdate();
        }
    }

    private void insert(Connection connection, String mailbox, String readMode, Cursor cursor) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO mailbox_cursor"
                + " (mailbox, read_mode, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, mailbox);
            insert.setString(2, readMode);
            insert.setLong(3, cursor.uidValidity());
            insert.setLong(4, cursor.lastUid());
            insert.setObject(5, clock.instant().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
