package dev.replygate.retention;

import dev.replygate.metrics.Meters;
import dev.replygate.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * The retention purge: deletes, in small transactions, what the store keeps past its
 * {@link RetentionPolicy} and no work needs any more. The daemon runs it daily; see README "Retention".
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionPolicy policy;
    private final InboundPurge inbound;
    private final OutboxPurge outbox;
    private final Clock clock;
    private final Meters meters;

    public Retention(Store store, RetentionPolicy policy, int batchSize, Clock clock, Meters meters) {
        this.policy = policy;
        this.inbound = new InboundPurge(store, batchSize);
        this.outbox = new OutboxPurge(store, batchSize);
        this.clock = clock;
        this.meters = meters;
    }

    /** One run: purges everything past the horizon of now, logs one line and counts what went. */
    public RetentionReport run() {
        long started = System.nanoTime();
        RetentionPolicy.Horizon horizon = policy.horizon(clock.instant());
        long records = inbound.purgeRecords(horizon.records());
        long failures = inbound.purgeFailures(horizon.records());
        long answerLog = inbound.purgeAnswerLog(horizon.records());
        long locks = inbound.purgeRecipientLocks();
        Batches.Totals notifications = outbox.purgeSentNotifications(horizon.records(), horizon.sentOutbox());
        Batches.Totals sent = outbox.purgeSent(horizon.sentOutbox());
        RetentionReport report = new RetentionReport(records, failures, answerLog, locks, notifications.dependents(),
                notifications.deleted() + sent.deleted());
        count(report);
        log.info("retention: deleted {} (records before {}, sent mail before {}) in {} ms", report.describe(),
                horizon.records(), horizon.sentOutbox(), (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    /**
     * Deletes failed outbox items whose last attempt was before {@code before}, with their notifications;
     * an operator's choice ({@code outbox purge --failed}), since a failed item waits for a retry.
     */
    public RetentionReport purgeFailedOutbox(Instant before) {
        Batches.Totals failed = outbox.purgeFailed(before);
        RetentionReport report = RetentionReport.ofOutbox(failed.dependents(), failed.deleted());
        count(report);
        log.info("outbox purge: deleted {} failed before {}", report.describe(), before);
        return report;
    }

    private void count(RetentionReport report) {
        meters.retentionDeleted("inbound_message", report.inboundRecords());
        meters.retentionDeleted("inbound_failure", report.inboundFailures());
        meters.retentionDeleted("answer_log", report.answerLog());
        meters.retentionDeleted("answer_recipient", report.recipientLocks());
        meters.retentionDeleted("notification", report.notifications());
        meters.retentionDeleted("outbox", report.outboxItems());
    }
}
