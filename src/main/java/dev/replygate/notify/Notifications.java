package dev.replygate.notify;

import dev.replygate.store.Columns;
import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code notification} table: which notifications exist, for threading and for recognising replies. */
public final class Notifications {

    /** How many earlier Message-IDs a References header carries at most (the first one and the latest). */
    static final int MAX_REFERENCES = 20;

    private final Store store;

    public Notifications(Store store) {
        this.store = store;
    }

    void insert(Connection connection, NotificationRecord record) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO notification (message_id, outbox_id, ticket_id, event, recipient, recipient_name,
                                          locale, created_at, ticket_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, record.messageId());
            insert.setLong(2, record.outboxId());
            insert.setString(3, record.ticketId());
            insert.setString(4, record.event());
            insert.setString(5, record.recipient());
            insert.setString(6, record.recipientName());
            insert.setString(7, record.locale());
            insert.setObject(8, record.createdAt().atOffset(ZoneOffset.UTC));
            insert.setString(9, record.ticketKey());
            insert.executeUpdate();
        }
    }

    /**
     * Message-IDs of the ticket's earlier notifications for a References header, oldest first: the
     * first one (the thread's root) and the latest ones, {@link #MAX_REFERENCES} at most.
     */
    List<String> threadOf(String ticketId) {
        return store.inTransaction(connection -> {
            List<String> latest = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT message_id FROM notification WHERE ticket_id = ?
                    ORDER BY created_at DESC, outbox_id DESC""")) {
                query.setString(1, ticketId);
                query.setMaxRows(MAX_REFERENCES - 1);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        latest.add(rows.getString("message_id"));
                    }
                }
            }
            List<String> thread = new ArrayList<>();
            if (latest.size() == MAX_REFERENCES - 1) {
                firstOf(connection, ticketId).filter(root -> !latest.contains(root)).ifPresent(thread::add);
            }
            for (int i = latest.size() - 1; i >= 0; i--) {
                thread.add(latest.get(i));
            }
            return thread;
        });
    }

    private static Optional<String> firstOf(Connection connection, String ticketId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT message_id FROM notification WHERE ticket_id = ?
                ORDER BY created_at, outbox_id""")) {
            query.setString(1, ticketId);
            query.setMaxRows(1);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString("message_id")) : Optional.empty();
            }
        }
    }

    /**
     * Records that a trusted delivery report says this notification bounced. A hard bounce is never
     * downgraded by a later soft one. Returns whether the notification changed.
     */
    public boolean markBounced(Connection connection, String messageId, boolean hard, String detail,
                               java.time.Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE notification SET bounce = ?, bounce_detail = ?, bounced_at = ?
                WHERE message_id = ? AND (bounce IS NULL OR bounce = 'soft' OR ? = 'hard')""")) {
            String bounce = hard ? "hard" : "soft";
            update.setString(1, bounce);
            update.setString(2, detail.length() > 2000 ? detail.substring(0, 2000) : detail);
            update.setObject(3, at.atOffset(ZoneOffset.UTC));
            update.setString(4, messageId);
            update.setString(5, bounce);
            return update.executeUpdate() == 1;
        }
    }

    /** What a trusted delivery report said about this notification, if one said it bounced. */
    public Optional<Bounce> bounceOf(String messageId) {
        return store.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT bounce, bounce_detail, bounced_at FROM notification WHERE message_id = ? AND bounce IS NOT NULL")) {
                query.setString(1, messageId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(new Bounce(rows.getString("bounce"), rows.getString("bounce_detail"),
                            Columns.instant(rows, "bounced_at"))) : Optional.empty();
                }
            }
        });
    }

    /**
     * A bounce of a notification.
     *
     * @param severity {@code hard} (the address does not take mail) or {@code soft} (it may later)
     * @param detail   the delivery report's status and diagnostic
     */
    public record Bounce(String severity, String detail, java.time.Instant at) {
    }

    /** The notification with this Message-ID (without angle brackets), if replygate created it. */
    public Optional<NotificationRecord> findByMessageId(String messageId) {
        return findOne(SELECT_RECORD + " WHERE message_id = ?", messageId);
    }

    /** The most recent notification of a ticket: where and in which language the customer was written to. */
    public Optional<NotificationRecord> latestOf(String ticketId) {
        return findOne(SELECT_RECORD + " WHERE ticket_id = ? ORDER BY created_at DESC, outbox_id DESC", ticketId);
    }

    private static final String SELECT_RECORD = """
            SELECT message_id, outbox_id, ticket_id, event, recipient, recipient_name, locale, created_at, ticket_key
            FROM notification""";

    private Optional<NotificationRecord> findOne(String sql, String parameter) {
        return store.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setString(1, parameter);
                query.setMaxRows(1);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new NotificationRecord(rows.getString("message_id"), rows.getLong("outbox_id"),
                            rows.getString("ticket_id"), rows.getString("event"), rows.getString("recipient"),
                            rows.getString("recipient_name"), rows.getString("locale"),
                            Columns.instant(rows, "created_at"), rows.getString("ticket_key")));
                }
            }
        });
    }
}
