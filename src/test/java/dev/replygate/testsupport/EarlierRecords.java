package dev.replygate.testsupport;

import dev.replygate.app.ConfigFiles;
import dev.replygate.store.Dialect;
import dev.replygate.store.Store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fills a store with the records of earlier mail, as months of a support mailbox leave them: per
 * received message an inbound record; for 8 in 10 an answer (outbox row, sent, and its answer_log row),
 * for 7 in 10 the notification it replied to (outbox row, sent); 1 in 10 a bounce of a notification.
 * Addresses are at {@link #DOMAIN}, message keys under UIDVALIDITY 1 and times 2 hours to 30 days ago,
 * so nothing of it meets the mail a test or benchmark sends afterwards: the store is only bigger.
 *
 * <p>Issue 12.3's benchmark runs it from the shell ({@link #main}); {@code HotPathPlansIT} uses it.
 */
public final class EarlierRecords {

    public static final String DOMAIN = "earlier.example";
    private static final int CUSTOMERS = 5_000;
    private static final int PER_TRANSACTION = 1_000;
    private static final Duration NEWEST = Duration.ofHours(2);
    private static final Duration SPREAD = Duration.ofDays(30).minus(NEWEST);
    /** About the size of a rendered answer or notification. */
    private static final byte[] RAW = ("From: Support <support@support.example>\r\nSubject: Auto: ticket\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + "Your message was not added to the ticket.\r\n"
            .repeat(30)).getBytes(StandardCharsets.US_ASCII);

    private EarlierRecords() {
    }

    /** {@code EarlierRecords CONFIG.yaml COUNT [MAILBOX]}: adds COUNT earlier records to the configured store. */
    public static void main(String[] args) throws SQLException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: EarlierRecords CONFIG.yaml COUNT [MAILBOX (default: support)]");
            System.exit(2);
        }
        int count = Integer.parseInt(args[1]);
        Store.keepEmbeddedServerOnLoopback(); // as Main does first: the store refuses an H2 bound to every address
        try (Store store = Store.open(ConfigFiles.load(Path.of(args[0])).config().store())) {
            long started = System.nanoTime();
            add(store, args.length == 3 ? args[2] : "support", count, Instant.now());
            System.out.printf("added %d earlier records in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
            if (store.dialect() == Dialect.H2) {
                compact(store);
            }
        }
    }

    /** Adds {@code count} earlier records of {@code mailbox}, older than {@code now} by 2 hours to 30 days. */
    public static void add(Store store, String mailbox, int count, Instant now) throws SQLException {
        long firstOutbox = store.inTransaction(c -> next(c, "outbox"));
        long firstInbound = store.inTransaction(c -> next(c, "inbound_message"));
        store.inTransaction(c -> lockRows(c, mailbox));
        for (int from = 0; from < count; from += PER_TRANSACTION) {
            int start = from;
            int end = Math.min(count, from + PER_TRANSACTION);
            store.inTransaction(c -> {
                try (Batches batches = new Batches(c)) {
                    for (int i = start; i < end; i++) {
                        Instant at = now.minus(NEWEST).minusMillis(SPREAD.toMillis() / count * (count - i));
                        batches.record(mailbox, i, firstInbound + i, firstOutbox + 2L * i, at);
                    }
                    batches.execute();
                }
                return null;
            });
        }
        store.inTransaction(c -> {
            restartIdentity(c, store.dialect(), "outbox", firstOutbox + 2L * count);
            restartIdentity(c, store.dialect(), "inbound_message", firstInbound + count);
            try (Statement analyze = c.createStatement()) {
                analyze.execute("ANALYZE");
            }
            return null;
        });
    }

    /** H2 keeps the pages of every commit's old version until it compacts: the file would be several times larger. */
    private static void compact(Store store) {
        try {
            store.inTransaction(c -> {
                try (Statement shutdown = c.createStatement()) {
                    shutdown.execute("SHUTDOWN COMPACT");
                }
                return null;
            });
        } catch (RuntimeException e) {
            // the database closed under the transaction, as asked (the store's file sync then logs a failed
            // sync and opens the file again until the store closes: the file stays compacted)
        }
    }

    private static long next(Connection connection, String table) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The rate limiter's lock rows: one per customer, the domain and the mailbox. */
    private static Void lockRows(Connection connection, String mailbox) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO answer_recipient (recipient) VALUES (?)")) {
            for (int c = 0; c < CUSTOMERS; c++) {
                insert.setString(1, customer(c));
                insert.addBatch();
            }
            insert.setString(1, "domain:" + DOMAIN);
            insert.addBatch();
            insert.setString(1, "mailbox:" + mailbox);
            insert.addBatch();
            insert.executeBatch();
        }
        return null;
    }

    /** Explicit ids were given: the identity goes on after them. */
    private static void restartIdentity(Connection connection, Dialect dialect, String table, long next)
            throws SQLException {
        try (Statement restart = connection.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                restart.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), " + (next - 1) + ")");
            } else {
                restart.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
            }
        }
    }

    private static String customer(int c) {
        return "customer" + c + "@" + DOMAIN;
    }

    /** The prepared inserts of one transaction. */
    private static final class Batches implements AutoCloseable {

        private final PreparedStatement outbox;
        private final PreparedStatement notification;
        private final PreparedStatement inbound;
        private final PreparedStatement answerLog;
        private final MessageDigest sha256;

        Batches(Connection connection) throws SQLException {
            outbox = connection.prepareStatement("INSERT INTO outbox (id, kind, idempotency_key, message_id,"
                    + " envelope_from, recipient, subject, ticket_id, raw_message, state, attempts, next_attempt_at,"
                    + " created_at, updated_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?, ?)");
            notification = connection.prepareStatement("INSERT INTO notification (message_id, outbox_id, ticket_id,"
                    + " event, recipient, recipient_name, locale, created_at, bounce, bounce_detail, bounced_at)"
                    + " VALUES (?, ?, ?, 'answered', ?, 'Earlier Customer', 'en', ?, ?, ?, ?)");
            inbound = connection.prepareStatement("INSERT INTO inbound_message (id, mailbox, message_key, sha256,"
                    + " message_id, sender, return_path, subject, size_bytes, mail_class, action, disposition,"
                    + " ticket_id, reasons, answer_outbox_id, answer_to, shadow, received_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)");
            answerLog = connection.prepareStatement("INSERT INTO answer_log (recipient, ticket_id, inbound_key,"
                    + " answered_at, mailbox, recipient_domain) VALUES (?, ?, ?, ?, ?, ?)");
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Record {@code i}: 0–6 of every 10 a reply to a notification, 7 new mail, 8 an auto-reply, 9 a bounce. */
        void record(String mailbox, int i, long inboundId, long outboxId, Instant at) throws SQLException {
            int kind = i % 10;
            String customer = customer(i % CUSTOMERS);
            String ticket = kind <= 6 || kind == 9 ? String.valueOf(700_000 + i) : null;
            String notificationId = "earlier-notification-" + i + "@" + "support.example";
            boolean notified = ticket != null;
            if (notified) {
                outbox(outboxId, "notification", notificationId, customer, ticket, at.minus(Duration.ofHours(1)));
                boolean bounced = kind == 9;
                notification.setString(1, notificationId);
                notification.setLong(2, outboxId);
                notification.setString(3, ticket);
                notification.setString(4, customer);
                notification.setObject(5, at.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
                notification.setString(6, bounced ? "hard" : null);
                notification.setString(7, bounced ? "550 5.1.1 user unknown" : null);
                notification.setObject(8, bounced ? at.atOffset(ZoneOffset.UTC) : null);
                notification.addBatch();
            }
            boolean answered = kind <= 7;
            String inboundKey = mailbox + ":imap:1:" + i;
            if (answered) {
                outbox(outboxId + 1, "answer", "earlier-answer-" + i + "@support.example", customer, ticket, at);
                answerLog.setString(1, customer);
                answerLog.setString(2, ticket);
                answerLog.setString(3, inboundKey);
                answerLog.setObject(4, at.atOffset(ZoneOffset.UTC));
                answerLog.setString(5, mailbox);
                answerLog.setString(6, DOMAIN);
                answerLog.addBatch();
            }
            String mailClass = kind <= 6 ? "reply" : kind == 7 ? "new" : kind == 8 ? "auto-reply" : "bounce";
            inbound.setLong(1, inboundId);
            inbound.setString(2, mailbox);
            inbound.setString(3, "imap:1:" + i);
            inbound.setBytes(4, sha256.digest(inboundKey.getBytes(StandardCharsets.UTF_8)));
            inbound.setString(5, "earlier-" + i + "@" + DOMAIN);
            inbound.setString(6, kind == 9 ? "mailer-daemon@" + DOMAIN : customer);
            inbound.setString(7, kind >= 8 ? "" : customer);
            inbound.setString(8, kind == 8 ? "Out of office" : "Re: [Ticket #" + ticket + "] my server");
            inbound.setLong(9, 4_000 + i % 200_000);
            inbound.setString(10, mailClass);
            inbound.setString(11, answered ? "redirect" : "ignore");
            inbound.setString(12, answered ? "redirected" : "ignored");
            inbound.setString(13, ticket);
            inbound.setString(14, answered ? "sender: authenticated" : "automatic: auto-submitted");
            inbound.setObject(15, answered ? outboxId + 1 : null);
            inbound.setString(16, answered ? customer : null);
            inbound.setObject(17, at.atOffset(ZoneOffset.UTC));
            inbound.addBatch();
        }

        private void outbox(long id, String kind, String messageId, String recipient, String ticket, Instant at)
                throws SQLException {
            outbox.setLong(1, id);
            outbox.setString(2, kind);
            outbox.setString(3, kind + ":" + messageId);
            outbox.setString(4, messageId);
            outbox.setString(5, kind.equals("answer") ? "" : "bounces@support.example");
            outbox.setString(6, recipient);
            outbox.setString(7, "Auto: ticket");
            outbox.setString(8, ticket);
            outbox.setBytes(9, RAW);
            outbox.setObject(10, at.atOffset(ZoneOffset.UTC));
            outbox.setObject(11, at.atOffset(ZoneOffset.UTC));
            outbox.setObject(12, at.atOffset(ZoneOffset.UTC));
            outbox.setObject(13, at.atOffset(ZoneOffset.UTC));
            outbox.addBatch();
        }

        /** Parents first: notifications and inbound records refer to outbox rows. */
        void execute() throws SQLException {
            outbox.executeBatch();
            notification.executeBatch();
            inbound.executeBatch();
            answerLog.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            outbox.close();
            notification.close();
            inbound.close();
            answerLog.close();
        }
    }
}
