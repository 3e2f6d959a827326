package dev.replygate.mailbox;

import dev.replygate.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The POP3 messages, by the key of their UIDL ({@link Pop3Uidl#key}), that were processed and stay on the server, per
 * read mode (table {@code pop3_seen}).
 */
final class Pop3SeenList {

    private final Store store;
    private final Clock clock;

    Pop3SeenList(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    Set<String> load(String mailbox, String readMode) {
        return store.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT uidl FROM pop3_seen WHERE mailbox = ? AND read_mode = ?")) {
                select.setString(1, mailbox);
                select.setString(2, readMode);
                Set<String> uidls = new HashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        uidls.add(rows.getString("uidl"));
                    }
                }
                return uidls;
            }
        });
    }

    /** Adds {@code uidls}; one already listed stays as it is. */
    void add(String mailbox, String readMode, Collection<String> uidls) {
        if (uidls.isEmpty()) {
            return;
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pop3_seen"
                    + " (mailbox, read_mode, uidl, seen_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                    + " (SELECT 1 FROM pop3_seen WHERE mailbox = ? AND read_mode = ? AND uidl = ?)")) {
                for (String uidl : uidls) {
                    insert.setString(1, mailbox);
                    insert.setString(2, readMode);
                    insert.setString(3, uidl);
                    insert.setObject(4, now);
                    insert.setString(5, mailbox);
                    insert.setString(6, readMode);
                    insert.setString(7, uidl);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Removes {@code uidls}, messages no longer on the server, so that the list does not grow forever. */
    void remove(String mailbox, String readMode, Collection<String> uidls) {
        if (uidls.isEmpty()) {
            return;
        }
        store.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM pop3_seen WHERE mailbox = ? AND read_mode = ? AND uidl = ?")) {
                for (String uidl : uidls) {
                    delete.setString(1, mailbox);
                    delete.setString(2, readMode);
                    delete.setString(3, uidl);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }
}
