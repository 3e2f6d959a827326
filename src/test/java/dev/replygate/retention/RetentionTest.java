package dev.replygate.retention;

import dev.replygate.config.RetentionConfig;
import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.metrics.Meters;
import dev.replygate.store.Store;
import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge on a real H2 store: what goes, and every row it must keep because exactly-once,
 * a retry or a customer's reply still needs it.
 */
class RetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T04:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(200));
    private static final Instant MONTHS_AGO = NOW.minus(Duration.ofDays(60));
    private static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));
    private static final Duration DAY = Duration.ofDays(1);
    private static final RetentionConfig DEFAULTS = new RetentionConfig(Duration.ofDays(90), Duration.ofDays(30), 3);

    private final MutableClock clock = new MutableClock(NOW);
    private final Meters meters = new Meters(clock);
    private Store store;
    private AgedRows rows;

    @BeforeEach
    void open() {
        store = Store.open(new StoreConfig("jdbc:h2:mem:retention_" + UUID.randomUUID().toString().replace("-", ""),
                "sa", Secret.empty(), 4));
        rows = new AgedRows(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Retention retention(RetentionPolicy policy) {
        return new Retention(store, policy, DEFAULTS.batchSize(), clock, meters);
    }

    private RetentionReport run() {
        return retention(new RetentionPolicy(DEFAULTS, DAY)).run();
    }

    private long records(String mailbox) {
        return rows.count("SELECT COUNT(*) FROM inbound_message WHERE mailbox = ?", mailbox);
    }

    @Test
    void oldRecordsAnswersAndAnswerLogGoInBatchesAndNewOnesStay() {
        List<Long> oldAnswers = rows.outboxItems(4, "answer", "sent", OLD);
        rows.imapRecords("support", 1, 1, 7, OLD, oldAnswers);
        rows.imapRecords("support", 1, 8, 2, YESTERDAY, List.of());
        rows.moveCursor("support", 1, 9);
        rows.answerLog(5, OLD);
        rows.answerLog(2, YESTERDAY);

        RetentionReport report = run();

        assertThat(report).isEqualTo(new RetentionReport(7, 0, 5, 0, 0, 4));
        assertThat(rows.count("SELECT COUNT(*) FROM inbound_message WHERE received_at < ?", NOW.minus(DAY)))
                .isZero();
        assertThat(records("support")).isEqualTo(2);
        assertThat(rows.count("SELECT COUNT(*) FROM answer_log")).isEqualTo(2);
        assertThat(rows.count("SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(meters.scrape()).contains("replygate_retention_deleted_total{table=\"inbound_message\"} 7.0",
                "replygate_retention_deleted_total{table=\"answer_log\"} 5.0",
                "replygate_retention_deleted_total{table=\"outbox\"} 4.0");
        assertThat(run()).isEqualTo(new RetentionReport(0, 0, 0, 0, 0, 0));
    }

    @Test
    void aSentAnswerOlderThanItsRecordsHorizonGoesAndItsRecordKeepsWhoWasAnswered() {
        long answer = rows.outboxItem("answer", "sent", MONTHS_AGO);
        rows.record("support", "imap:1:1", MONTHS_AGO, answer);
        rows.moveCursor("support", 1, 1);

        assertThat(run()).isEqualTo(new RetentionReport(0, 0, 0, 0, 0, 1));

        assertThat(rows.count("SELECT COUNT(*) FROM inbound_message WHERE answer_outbox_id IS NULL"
                + " AND answer_to = 'customer@customer.test'")).isEqualTo(1);
    }

    @Test
    void aRecordStaysWhileItsMessageMayStillBeInTheMailbox() {
        rows.moveCursor("support", 1, 10);
        rows.record("support", "imap:1:10", OLD, null);                // moved out: goes
        rows.record("support", "imap:1:11", OLD, null);                // not read that far in move mode
        rows.record("support", "imap:2:1", OLD, null);                 // an earlier or later UIDVALIDITY
        rows.record("keyword", "imap:1:1", OLD, null);                 // keyword or shadow mode: still in the inbox
        rows.record("pop", "pop3:still-there", OLD, null);             // POP3, kept on the server
        rows.pop3Seen("pop", "still-there");
        rows.record("pop", "pop3:gone", OLD, null);                    // POP3, no longer on the server: goes
        rows.record("support", "imap:1:x", OLD, null);                 // a key it cannot read
        rows.record("support", "other:1", OLD, null);

        assertThat(run().inboundRecords()).isEqualTo(2);

        assertThat(rows.count("SELECT COUNT(*) FROM inbound_message WHERE message_key IN ('imap:1:10', 'pop3:gone')"))
                .isZero();
        assertThat(rows.count("SELECT COUNT(*) FROM inbound_message")).isEqualTo(6);
    }

    @Test
    void aRecordStaysWhileItsAnswerIsNotSent() {
        rows.moveCursor("support", 1, 10);
        rows.record("support", "imap:1:1", OLD, rows.outboxItem("answer", "queued", OLD));
        rows.record("support", "imap:1:2", OLD, rows.outboxItem("answer", "sending", OLD));
        rows.record("support", "imap:1:3", OLD, rows.outboxItem("answer", "failed", OLD));

        assertThat(run()).isEqualTo(new RetentionReport(0, 0, 0, 0, 0, 0));

        assertThat(records("support")).isEqualTo(3);
        assertThat(rows.count("SELECT COUNT(*) FROM outbox")).isEqualTo(3);
    }

    @Test
    void aNotificationStaysAsLongAsTheRecordsSoThatARepliesToItIsRecognised() {
        rows.notification("recent@hosting.test", rows.outboxItem("notification", "sent", MONTHS_AGO), MONTHS_AGO);
        rows.notification("old@hosting.test", rows.outboxItem("notification", "sent", OLD), OLD);
        rows.notification("failed@hosting.test", rows.outboxItem("notification", "failed", OLD), OLD);

        assertThat(run()).isEqualTo(new RetentionReport(0, 0, 0, 0, 1, 1));

        assertThat(rows.count("SELECT COUNT(*) FROM notification WHERE message_id IN ('recent@hosting.test',"
                + " 'failed@hosting.test')")).isEqualTo(2);
        assertThat(rows.count("SELECT COUNT(*) FROM outbox")).isEqualTo(2);
    }

    @Test
    void failedItemsGoOnlyWhenPurgedByHandAndThenTheirRecordsFollow() {
        rows.moveCursor("support", 1, 10);
        long oldFailure = rows.outboxItem("answer", "failed", OLD);
        rows.record("support", "imap:1:1", OLD, oldFailure);
        rows.notification("failed@hosting.test", rows.outboxItem("notification", "failed", OLD), OLD);
        long recentFailure = rows.outboxItem("answer", "failed", YESTERDAY);
        Retention retention = retention(new RetentionPolicy(DEFAULTS, DAY));

        assertThat(retention.run().total()).isZero();
        assertThat(retention.purgeFailedOutbox(NOW.minus(Duration.ofDays(30))))
                .isEqualTo(new RetentionReport(0, 0, 0, 0, 1, 2));

        assertThat(rows.count("SELECT COUNT(*) FROM outbox WHERE id = ?", recentFailure)).isEqualTo(1);
        assertThat(rows.count("SELECT COUNT(*) FROM outbox WHERE id = ?", oldFailure)).isZero();
        assertThat(retention.run().inboundRecords()).isEqualTo(1);
    }

    @Test
    void nothingYoungerThanTheMinimumKeepGoesWhateverTheConfiguredDays() {
        rows.moveCursor("support", 1, 10);
        rows.record("support", "imap:1:1", OLD, rows.outboxItem("answer", "sent", OLD));
        rows.answerLog(1, OLD);
        RetentionPolicy digestOfAYear = new RetentionPolicy(new RetentionConfig(DAY, DAY, 10), DAY)
                .keepingAtLeast(Duration.ofDays(366));

        assertThat(retention(digestOfAYear).run().total()).isZero();

        clock.advance(Duration.ofDays(200));
        assertThat(retention(digestOfAYear).run()).isEqualTo(new RetentionReport(1, 0, 1, 0, 0, 1));
    }

    @Test
    void oldFailureCountsGoAndCountsOfMessagesStillTriedStay() {
        rows.failure("support", "imap:1:1", OLD, OLD);                 // recorded or gone long ago: goes
        rows.failure("support", "imap:1:2", OLD, YESTERDAY);           // failed again yesterday: stays
        rows.failure("support", "imap:1:3", YESTERDAY, YESTERDAY);

        assertThat(run()).isEqualTo(new RetentionReport(0, 1, 0, 0, 0, 0));

        assertThat(rows.count("SELECT COUNT(*) FROM inbound_failure WHERE message_key = 'imap:1:1'")).isZero();
        assertThat(rows.count("SELECT COUNT(*) FROM inbound_failure")).isEqualTo(2);
        assertThat(meters.scrape()).contains("replygate_retention_deleted_total{table=\"inbound_failure\"} 1.0");
    }

    @Test
    void recipientLocksGoWithTheLastAnswerLogRowOfTheirKey() {
        rows.answer("kept@customer.test", "customer.test", "support", YESTERDAY);
        rows.answer("gone@gone.test", "gone.test", "old-mailbox", OLD);
        rows.recipientLocks("kept@customer.test", "domain:customer.test", "mailbox:support",
                "gone@gone.test", "domain:gone.test", "mailbox:old-mailbox", "never-answered@customer.test");

        assertThat(run()).isEqualTo(new RetentionReport(0, 0, 1, 4, 0, 0));

        assertThat(rows.count("SELECT COUNT(*) FROM answer_recipient WHERE recipient IN ('kept@customer.test',"
                + " 'domain:customer.test', 'mailbox:support')")).isEqualTo(3);
        assertThat(rows.count("SELECT COUNT(*) FROM answer_recipient")).isEqualTo(3);
        assertThat(run().total()).isZero();
    }
}
