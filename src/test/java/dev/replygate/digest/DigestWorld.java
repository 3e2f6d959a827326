package dev.replygate.digest;

import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A fixed data set for digests: a config with two mailboxes and the digests {@code daily} (en) and
 * {@code daily-fa} (fa), sent at 08:00 in Tehran, and a store holding one day of records of every kind a
 * digest shows, a few outside the period, and some a stranger wrote to break the page.
 */
final class DigestWorld implements AutoCloseable {

    /** 2026-03-21 08:00 in Tehran: the firing that ends the data set's period. */
    static final Instant FIRING = Instant.parse("2026-03-21T04:30:00Z");
    static final String ADMIN_TICKET_URL = "https://portal.hosting.test/admin/supporttickets.php?action=view&id=";

    final ReplygateConfig config;
    final Replygate replygate;

    DigestWorld(Path folder) {
        this(folder, "url: jdbc:h2:file:" + folder.toAbsolutePath().resolve("db").resolve("replygate"));
    }

    /** On another store: {@code storeSettings} are the lines of {@code store:}, each after the first indented. */
    DigestWorld(Path folder, String storeSettings) {
        this.config = ConfigLoader.load(writeConfig(folder, storeSettings)).config();
        this.replygate = new Replygate(config, Clock.fixed(FIRING, ZoneOffset.UTC));
    }

    Store store() {
        return replygate.store();
    }

    Digests digests() {
        return replygate.digests(FIXED_HEALTH);
    }

    /** A config in {@code folder} with the data set's mailboxes and digests. */
    private static Path writeConfig(Path folder, String storeSettings) {
        String yaml = """
                instance:
                  name: digest-test
                  domain: hosting.test
                portal:
                  name: Test Hosting
                  ticket-url: https://portal.hosting.test/viewticket.php?tid={ticket}
                  admin-ticket-url: %s{ticket}
                  new-ticket-url: https://portal.hosting.test/submitticket.php
                  signup-url: https://portal.hosting.test/register.php
                  client-area-url: https://portal.hosting.test/clientarea.php
                store:
                  %s
                smtp:
                  host: 127.0.0.1
                  port: 2525
                sender:
                  from: "Test Hosting Support <support@hosting.test>"
                signing:
                  active-key: d1
                  keys:
                    - id: d1
                      secret: digest-secret-only-for-tests-0123456789-abcdef
                notifications:
                  time-zone: Asia/Tehran
                mailboxes:
                  - name: support
                    host: 127.0.0.1
                    port: 3143
                    security: none
                    username: support@hosting.test
                    password: support@hosting.test
                    addresses: [support@hosting.test]
                  - name: sales
                    host: 127.0.0.1
                    port: 3144
                    security: none
                    username: sales@hosting.test
                    password: sales@hosting.test
                    addresses: [sales@hosting.test]
                digests:
                  - name: daily
                    cron: "0 0 8 * * ?"
                    time-zone: Asia/Tehran
                    recipients: [lead@hosting.test, ops@hosting.test]
                    list-limit: 3
                  - name: daily-fa
                    cron: "0 0 8 * * ?"
                    time-zone: Asia/Tehran
                    locale: fa
                    recipients: [lead@hosting.test]
                    list-limit: 3
                """.formatted(ADMIN_TICKET_URL, storeSettings);
        Path file = folder.resolve("replygate.yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** What only the daemon knows of the mailboxes: support's IDLE waits, sales fails since 02:00. */
    static final MailboxHealth FIXED_HEALTH = new MailboxHealth() {
        @Override
        public Optional<Instant> failingSince(String mailbox) {
            return mailbox.equals("sales") ? Optional.of(Instant.parse("2026-03-21T02:00:00Z")) : Optional.empty();
        }

        @Override
        public Optional<Boolean> idling(String mailbox) {
            return mailbox.equals("support") ? Optional.of(true) : Optional.empty();
        }
    };

    /** The mailboxes' polls as the store keeps them: support polled a minute ago, sales failing. */
    void mailboxStates() {
        store().inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO mailbox_state (mailbox, last_success_at, last_failure_at,"
                        + " last_error, node) VALUES ('support', TIMESTAMP WITH TIME ZONE '2026-03-21 04:29:00+00',"
                        + " TIMESTAMP WITH TIME ZONE '2026-03-20 22:00:00+00', 'read timed out', 'digest-test'),"
                        + " ('sales', TIMESTAMP WITH TIME ZONE '2026-03-21 01:55:00+00', TIMESTAMP WITH TIME ZONE"
                        + " '2026-03-21 04:28:00+00', 'connection refused: imap.sales.test:993', 'digest-test')");
            }
            return null;
        });
    }

    /** Writes the data set: the period is 2026-03-20T04:30Z to 2026-03-21T04:30Z. */
    void fill() {
        mailboxStates();
        store().inTransaction(connection -> {
            inbound(connection, "support", "k1", "sara@example.net", "Re: [Ticket #123456] Website is down", "reply",
                    "redirect", "123456", "reply-match: In-Reply-To <rg.123456…@hosting.test>\nanswer-to: signed",
                    false, "2026-03-21T03:10:00Z");
            inbound(connection, "support", "k2", "ali@example.org", "پاسخ: سرور کند است <script>alert(1)</script>",
                    "reply", "redirect", "654321", "reply-match: subject token", false, "2026-03-20T20:05:00Z");
            inbound(connection, "support", "k3", "reza@example.com", "Re: ticket 777", "reply", "redirect", "777",
                    "reply-match: References", false, "2026-03-20T19:00:00Z");
            inbound(connection, "support", "k4", "mina@example.com", "Re: invoice", "reply", "redirect", "888",
                    "reply-match: References", false, "2026-03-20T05:00:00Z");
            inbound(connection, "sales", "k5", "new@example.com", "Need a VPS", "new", "redirect", null,
                    "answer-to: dmarc pass", false, "2026-03-20T12:00:00Z");
            inbound(connection, "support", "k6", "sara@example.net", "Re: [Ticket #123456] Still down", "reply",
                    "ignore", "123456", "reply-match: In-Reply-To\nno-answer:rate-limit: sara@example.net was answered"
                            + " about ticket 123456 at 2026-03-21T03:10:00Z", false, "2026-03-21T03:40:00Z");
            inbound(connection, "support", "k7", "trial@example.com", "Hello", "new", "redirect", null,
                    "answer-to: spf pass", true, "2026-03-20T10:00:00Z");
            inbound(connection, "support", "k8", "boss@example.com", "Out of office", "auto-reply", "ignore", null,
                    "auto-submitted: Auto-Submitted: auto-replied\nweak subject: Out of office", false,
                    "2026-03-20T09:00:00Z");
            inbound(connection, "support", "k9", "away@example.com", "Abwesenheitsnotiz", "auto-reply", "ignore", null,
                    "vendor-auto-reply: X-Autoreply: yes", false, "2026-03-20T15:00:00Z");
            inbound(connection, "support", "k10", "MAILER-DAEMON@mx.example.net", "Undelivered Mail Returned to Sender",
                    "bounce", "ignore", "222", "delivery-status: 5.1.1 old@example.net", false, "2026-03-21T01:00:00Z");
            inbound(connection, "sales", "k11", "news@list.example.com", "Weekly news", "list", "ignore", null,
                    "list-header: List-Id: <news.example.com>", false, "2026-03-20T18:00:00Z");
            inbound(connection, "support", "k12", null, "", "unparseable", "quarantine", null,
                    "unparseable: MIME nesting too deep", false, "2026-03-21T00:30:00Z");
            inbound(connection, "support", "k13", "early@example.com", "Before the period", "reply", "redirect", "999",
                    "reply-match: References", false, "2026-03-20T04:29:59Z");
            inbound(connection, "support", "k14", "late@example.com", "After the period", "reply", "redirect", "998",
                    "reply-match: References", false, "2026-03-21T04:30:00Z");

            outbox(connection, "n1", "notification", "sara@example.net", "123456", "sent", 1, null,
                    "2026-03-20T06:00:00Z", "2026-03-20T06:00:05Z", "2026-03-20T06:00:05Z");
            outbox(connection, "n2", "notification", "gone@example.com", "111", "failed", 1,
                    "550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown",
                    "2026-03-20T07:00:00Z", "2026-03-20T09:00:00Z", null);
            outbox(connection, "n3", "notification", "slow@example.com", "112", "queued", 2,
                    "421 4.7.0 Try again later", "2026-03-21T02:00:00Z", "2026-03-21T02:30:00Z", null);
            long bounced = outbox(connection, "n4", "notification", "old@example.net", "222", "sent", 1, null,
                    "2026-03-20T08:00:00Z", "2026-03-20T08:00:02Z", "2026-03-20T08:00:02Z");
            long soft = outbox(connection, "n5", "notification", "full@example.org", "333", "sent", 1, null,
                    "2026-03-20T08:10:00Z", "2026-03-20T08:10:02Z", "2026-03-20T08:10:02Z");
            outbox(connection, "a1", "answer", "sara@example.net", "123456", "sent", 1, null,
                    "2026-03-21T03:10:01Z", "2026-03-21T03:10:03Z", "2026-03-21T03:10:03Z");
            notification(connection, "n4", bounced, "222", "old@example.net", "hard",
                    "old@example.net 5.1.1 550 5.1.1 <old@example.net>: user unknown", "2026-03-21T01:00:00Z");
            notification(connection, "n5", soft, "333", "full@example.org", "soft",
                    "full@example.org 4.2.2 mailbox full", "2026-03-21T01:30:00Z");
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO inbound_failure (mailbox, message_key, attempts, last_error,"
                        + " first_failed_at, last_failed_at) VALUES ('support', 'imap:1:99', 2, 'boom',"
                        + " TIMESTAMP WITH TIME ZONE '2026-03-21 04:00:00+00', TIMESTAMP WITH TIME ZONE"
                        + " '2026-03-21 04:10:00+00')");
            }
            return null;
        });
    }

    private static void inbound(Connection connection, String mailbox, String key, String sender, String subject,
                                String mailClass, String action, String ticket, String reasons, boolean shadow,
                                String at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbound_message (mailbox, message_key,"
                + " sha256, message_id, sender, return_path, subject, size_bytes, mail_class, action, disposition,"
                + " ticket_id, reasons, shadow, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1000, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, mailbox);
            insert.setString(2, key);
            insert.setBytes(3, new byte[32]);
            insert.setString(4, key + "@mail.example.net");
            insert.setString(5, sender);
            insert.setString(6, sender);
            insert.setString(7, subject);
            insert.setString(8, mailClass);
            insert.setString(9, action);
            insert.setString(10, switch (action) {
                case "redirect" -> "redirected";
                case "quarantine" -> "quarantined";
                default -> "ignored";
            });
            insert.setString(11, ticket);
            insert.setString(12, reasons);
            insert.setBoolean(13, shadow);
            insert.setObject(14, Instant.parse(at).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static long outbox(Connection connection, String messageId, String kind, String recipient, String ticket,
                               String state, int attempts, String lastError, String created, String updated,
                               String sent) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (kind, message_id,"
                + " envelope_from, recipient, subject, ticket_id, raw_message, state, attempts, next_attempt_at,"
                + " last_error, created_at, updated_at, sent_at) VALUES (?, ?, '', ?, 'subject', ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)", new String[] {"id"})) {
            insert.setString(1, kind);
            insert.setString(2, messageId + "@hosting.test");
            insert.setString(3, recipient);
            insert.setString(4, ticket);
            insert.setBytes(5, "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII));
            insert.setString(6, state);
            insert.setInt(7, attempts);
            insert.setObject(8, Instant.parse(updated).atOffset(ZoneOffset.UTC));
            insert.setString(9, lastError);
            insert.setObject(10, Instant.parse(created).atOffset(ZoneOffset.UTC));
            insert.setObject(11, Instant.parse(updated).atOffset(ZoneOffset.UTC));
            insert.setObject(12, sent == null ? null : Instant.parse(sent).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void notification(Connection connection, String messageId, long outboxId, String ticket,
                                     String recipient, String bounce, String detail, String bouncedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notification (message_id, outbox_id,"
                + " ticket_id, event, recipient, recipient_name, locale, created_at, bounce, bounce_detail, bounced_at)"
                + " VALUES (?, ?, ?, 'answered', ?, '', 'en', ?, ?, ?, ?)")) {
            insert.setString(1, messageId + "@hosting.test");
            insert.setLong(2, outboxId);
            insert.setString(3, ticket);
            insert.setString(4, recipient);
            insert.setObject(5, Instant.parse(bouncedAt).minusSeconds(3600).atOffset(ZoneOffset.UTC));
            insert.setString(6, bounce);
            insert.setString(7, detail);
            insert.setObject(8, Instant.parse(bouncedAt).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    @Override
    public void close() {
        replygate.close();
    }
}
