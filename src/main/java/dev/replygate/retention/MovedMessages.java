package dev.replygate.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Which IMAP messages have left the inbox for good: those a mailbox read in {@code move} mode, whose
 * cursor (mailbox_cursor) says their disposition was applied, i.e. they were moved out. A message read
 * in keyword or shadow mode stays in the inbox and is read again when the mode or UIDVALIDITY changes;
 * its record is what keeps it from being answered twice.
 */
final class MovedMessages {

    private static final String IMAP_PREFIX = "imap:";

    /** mailbox → its move cursor: UIDVALIDITY and last UID applied. */
    private final Map<String, long[]> cursors;

    private MovedMessages(Map<String, long[]> cursors) {
        this.cursors = cursors;
    }

    static MovedMessages read(Connection connection) throws SQLException {
        Map<String, long[]> cursors = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT mailbox, uid_validity, last_uid FROM mailbox_cursor WHERE read_mode = 'move'");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                cursors.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3)});
            }
        }
        return new MovedMessages(cursors);
    }

    /** True when {@code messageKey} ({@code imap:<uidvalidity>:<uid>}) was moved out of the mailbox's inbox. */
    boolean movedOut(String mailbox, String messageKey) {
        long[] cursor = cursors.get(mailbox);
        if (cursor == null || !messageKey.startsWith(IMAP_PREFIX)) {
            return false;
        }
        String[] parts = messageKey.substring(IMAP_PREFIX.length()).split(":", -1);
        try {
            return parts.length == 2 && Long.parseLong(parts[0]) == cursor[0] && Long.parseLong(parts[1]) <= cursor[1];
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static boolean isImap(String messageKey) {
        return messageKey.startsWith(IMAP_PREFIX);
    }
}
