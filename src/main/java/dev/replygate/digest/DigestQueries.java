package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.store.Columns;
import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a digest shows from the store, in one read-only transaction: the received messages of
 * the period (streamed, newest first), the notifications' outbox items and bounces, and the messages
 * each mailbox keeps failing on. Only reads; the tables belong to the inbound, notify and outbound stages.
 */
final class DigestQueries {

    private static final int FETCH_SIZE = 500;
    /** The enhanced status code in a bounce's detail ({@code recipient 5.1.1 diagnostic}). */
    private static final Pattern DSN_STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final Store store;

    DigestQueries(Store store) {
        this.store = store;
    }

    /** The inbound tally and the notifications of {@code period}, for the mailboxes {@code digest} covers. */
    Tallies read(DigestConfig digest, DigestPeriod period, MailChart chart) {
        return store.inTransaction(connection -> new Tallies(inbound(connection, digest, period, chart),
                notifications(connection, digest, period), waiting(connection)));
    }

    /** What {@link #read} found; {@code waiting} counts, per mailbox, the messages that wait for another try. */
    record Tallies(InboundTally inbound, NotificationTally notifications, Map<String, Long> waiting) {
    }

    private static InboundTally inbound(Connection connection, DigestConfig digest, DigestPeriod period,
                                        MailChart chart) throws SQLException {
        InboundTally tally = new InboundTally(digest.listLimit(), chart);
        String mailboxes = digest.mailboxes().isEmpty() ? ""
                : " AND mailbox IN (" + String.join(", ", Collections.nCopies(digest.mailboxes().size(), "?")) + ")";
        try (PreparedStatement query = connection.prepareStatement("SELECT sender, subject, mail_class, action,"
                + " ticket_id, reasons, shadow, received_at FROM inbound_message"
                + " WHERE received_at >= ? AND received_at < ?" + mailboxes + " ORDER BY received_at DESC, id DESC")) {
            int parameter = setPeriod(query, 1, period);
            for (String mailbox : digest.mailboxes()) {
                query.setString(parameter++, mailbox);
            }
            query.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tally.add(Columns.instant(rows, "received_at"), rows.getString("sender"),
                            rows.getString("subject"), rows.getString("mail_class"), rows.getString("action"),
                            rows.getString("ticket_id"), rows.getString("reasons"), rows.getBoolean("shadow"));
                }
            }
        }
        return tally;
    }

    private static NotificationTally notifications(Connection connection, DigestConfig digest, DigestPeriod period)
            throws SQLException {
        long queued = count(connection, "SELECT COUNT(*) FROM outbox WHERE kind = 'notification'"
                + " AND created_at >= ? AND created_at < ?", period);
        long sent = count(connection, "SELECT COUNT(*) FROM outbox WHERE kind = 'notification'"
                + " AND sent_at >= ? AND sent_at < ?", period);
        long deferred = count(connection, "SELECT COUNT(*) FROM outbox WHERE kind = 'notification'"
                + " AND state IN ('queued', 'sending') AND attempts > 0 AND updated_at >= ? AND updated_at < ?", period);
        CappedList failed = new CappedList(digest.listLimit());
        try (PreparedStatement query = connection.prepareStatement("SELECT recipient, ticket_id, last_error, updated_at"
                + " FROM outbox WHERE kind = 'notification' AND state = 'failed' AND updated_at >= ? AND updated_at < ?"
                + " ORDER BY updated_at DESC, id DESC")) {
            setPeriod(query, 1, period);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    failed.add(new DigestItem(Columns.instant(rows, "updated_at"), rows.getString("recipient"), "",
                            rows.getString("ticket_id"), rows.getString("last_error")));
                }
            }
        }
        CappedList hard = new CappedList(digest.listLimit());
        long soft = 0;
        try (PreparedStatement query = connection.prepareStatement("SELECT recipient, ticket_id, bounce, bounce_detail,"
                + " bounced_at FROM notification WHERE bounced_at >= ? AND bounced_at < ?"
                + " ORDER BY bounced_at DESC, message_id")) {
            setPeriod(query, 1, period);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if ("hard".equals(rows.getString("bounce"))) {
                        hard.add(new DigestItem(Columns.instant(rows, "bounced_at"), rows.getString("recipient"), "",
                                rows.getString("ticket_id"), dsnStatus(rows.getString("bounce_detail"))));
                    } else {
                        soft++;
                    }
                }
            }
        }
        return new NotificationTally(queued, sent, deferred, failed, hard, soft);
    }

    /** Per mailbox, the messages whose processing failed and that have no record yet: tried again later. */
    private static Map<String, Long> waiting(Connection connection) throws SQLException {
        Map<String, Long> waiting = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT f.mailbox, COUNT(*) FROM inbound_failure f"
                + " WHERE NOT EXISTS (SELECT 1 FROM inbound_message m WHERE m.mailbox = f.mailbox"
                + " AND m.message_key = f.message_key) GROUP BY f.mailbox");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                waiting.put(rows.getString(1), rows.getLong(2));
            }
        }
        return waiting;
    }

    /** The DSN's enhanced status code, e.g. {@code 5.1.1}; the whole detail when it names none. */
    static String dsnStatus(String detail) {
        if (detail == null) {
            return "";
        }
        Matcher status = DSN_STATUS.matcher(detail);
        return status.find() ? status.group(1) : detail;
    }

    private static long count(Connection connection, String sql, DigestPeriod period) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            setPeriod(query, 1, period);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static int setPeriod(PreparedStatement query, int first, DigestPeriod period) throws SQLException {
        query.setObject(first, at(period.start()));
        query.setObject(first + 1, at(period.end()));
        return first + 2;
    }

    private static Object at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
