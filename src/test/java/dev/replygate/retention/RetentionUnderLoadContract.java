package dev.replygate.retention;

import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.config.StoreConfig;
import dev.replygate.inbound.InboundPipeline;
import dev.replygate.inbound.PipelineConfigFile;
import dev.replygate.mailbox.IncomingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on a store that has run for months: it deletes well over 100 000 old rows in short batches
 * while the inbound pipeline goes on recording new mail through the real store code, and every new
 * record stays. Run on H2 ({@link H2RetentionIT}) and PostgreSQL ({@link PostgresRetentionIT}).
 */
abstract class RetentionUnderLoadContract {

    private static final int OLD_RECORDS = 80_000;
    private static final int OLD_ANSWERS = 20_000;
    private static final int OLD_ANSWER_LOG = 20_000;
    private static final int OLD_FAILURES = 5_000;
    private static final int OLD_LOCKS = 5_000;
    private static final Instant OLD = Instant.now().minus(Duration.ofDays(200));
    private static final long WAIT_MILLIS = 120_000;
    private static final int MAX_NEW_MESSAGES = 100_000;

    @TempDir
    Path dir;

    /** The store the test runs on. */
    abstract StoreConfig store(Path dir);

    @Test
    void deletesOverAHundredThousandOldRowsInBatchesWhileThePipelineKeepsRecording() throws Exception {
        ReplygateConfig loaded = ConfigLoader.load(PipelineConfigFile.write(dir, "")).config();
        ReplygateConfig config = new ReplygateConfig(loaded.instance(), loaded.portal(), store(dir), loaded.smtp(),
                loaded.sender(), loaded.signing(), loaded.delivery(), loaded.notifications(), loaded.templates(),
                loaded.mailboxes(), loaded.inbound(), loaded.http(), loaded.retention(),
                loaded.digests());
        MailboxConfig mailbox = config.mailboxes().get(0);
        try (Replygate replygate = new Replygate(config, Clock.systemUTC())) {
            AgedRows rows = new AgedRows(replygate.store());
            List<Long> answers = rows.outboxItems(OLD_ANSWERS, "answer", "sent", OLD);
            rows.imapRecords(mailbox.name(), 1, 1, OLD_RECORDS, OLD, answers);
            rows.moveCursor(mailbox.name(), 1, OLD_RECORDS);
            rows.answerLog(OLD_ANSWER_LOG, OLD);
            rows.failures(mailbox.name(), OLD_FAILURES, OLD);
            rows.unusedRecipientLocks(OLD_LOCKS);
            InboundPipeline pipeline = replygate.inboundPipeline(mailbox);

            Set<String> recorded = ConcurrentHashMap.newKeySet();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread recorder = new Thread(() -> record(pipeline, mailbox, recorded, failures, stop), "recorder");
            List<Long> oldLeft = new CopyOnWriteArrayList<>();
            Thread watcher = new Thread(() -> watch(rows, oldLeft, stop), "watcher");
            recorder.start();
            watcher.start();
            RetentionReport report;
            int recordedDuring;
            try {
                awaitRecorded(recorded, failures, 5);
                int before = recorded.size();
                report = replygate.retention().run();
                recordedDuring = recorded.size() - before;
            } finally {
                stop.set(true);
                recorder.join(WAIT_MILLIS);
                watcher.join(WAIT_MILLIS);
            }

            assertThat(failures).isEmpty();
            assertThat(report).isEqualTo(new RetentionReport(OLD_RECORDS, OLD_FAILURES, OLD_ANSWER_LOG, OLD_LOCKS, 0, OLD_ANSWERS));
            assertThat(recordedDuring).as("messages recorded while retention ran").isPositive();
            assertThat(oldLeft).as("old records seen by another connection while retention ran: batches commit"
                    + " one by one").anyMatch(left -> left > 0 && left < OLD_RECORDS);
            assertThat(rows.count("SELECT COUNT(*) FROM inbound_message WHERE received_at < ?",
                    Instant.now().minus(Duration.ofDays(100)))).isZero();
            assertThat(rows.count("SELECT COUNT(*) FROM inbound_message")).isEqualTo(recorded.size());
            assertThat(rows.count("SELECT COUNT(*) FROM outbox")).isZero();
            assertThat(rows.count("SELECT COUNT(*) FROM answer_log")).isZero();
            assertThat(rows.count("SELECT COUNT(*) FROM inbound_failure")).isZero();
            assertThat(rows.count("SELECT COUNT(*) FROM answer_recipient WHERE recipient LIKE '%@aged.test'")).isZero();
            assertThat(replygate.retention().run().total()).isZero();
        }
    }

    /** Gives the pipeline new mail, one message after another, until stopped. */
    private static void record(InboundPipeline pipeline, MailboxConfig mailbox, Set<String> recorded,
                               List<Throwable> failures, AtomicBoolean stop) {
        for (int uid = 1; uid <= MAX_NEW_MESSAGES && !stop.get(); uid++) {
            String key = "imap:2:" + uid;
            byte[] raw = ("From: Customer <customer" + uid + "@customer.test>\r\n"
                    + "To: " + PipelineConfigFile.SUPPORT + "\r\n"
                    + "Subject: My server " + uid + "\r\n"
                    + "Message-ID: <new-" + uid + "@customer.test>\r\n"
                    + "Date: Tue, 01 Dec 2026 04:00:00 +0000\r\n"
                    + "\r\n"
                    + "Please help.\r\n").getBytes(StandardCharsets.UTF_8);
            try {
                pipeline.accept(new IncomingMessage(mailbox.name(), key, 2, uid, raw.length, false,
                        () -> new ByteArrayInputStream(raw)));
                recorded.add(key);
            } catch (Exception | Error e) {
                failures.add(e);
                return;
            }
        }
    }

    /** Counts, from another connection, the old records left, until stopped. */
    private static void watch(AgedRows rows, List<Long> oldLeft, AtomicBoolean stop) {
        Instant old = Instant.now().minus(Duration.ofDays(100));
        while (!stop.get()) {
            oldLeft.add(rows.count("SELECT COUNT(*) FROM inbound_message WHERE received_at < ?", old));
            sleep(20);
        }
    }

    private static void awaitRecorded(Set<String> recorded, List<Throwable> failures, int count) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (recorded.size() < count && failures.isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        assertThat(failures).isEmpty();
        assertThat(recorded).hasSizeGreaterThanOrEqualTo(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
