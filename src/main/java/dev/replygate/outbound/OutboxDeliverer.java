package dev.replygate.outbound;

import dev.replygate.config.Durations;
import dev.replygate.config.DeliveryConfig;
import dev.replygate.config.SmtpConfig;
import dev.replygate.logging.LogContext;
import dev.replygate.metrics.Meters;
import dev.replygate.store.CrashPoints;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends due outbox items: claims a batch, sends it over one SMTP connection and records each
 * outcome. A 5xx answer fails the item with the server's text; anything else (4xx, no connection,
 * timeouts) puts it back with exponential backoff until {@code delivery.max-age} has passed since it
 * was queued, when it fails as given up. Nothing claimed is left without an outcome, except when
 * the store itself fails: then the lease runs out and another run takes the items again.
 *
 * <p>Each message starts with at least one message's worst case plus a minute left on the batch's
 * lease: when less is left, the lease of the whole batch is renewed first ({@link BatchLease}, about once
 * a minute while quick sends go on, not once per message), so the lease stays short whatever the batch
 * size. A renewal that fails (the store is down) stops the batch: what is not sent yet is not sent. An
 * item whose lease was lost (this process stalled longer than a lease and another deliverer took it) is
 * skipped.
 *
 * <p>One window stays, by the nature of SMTP: a crash after the server took a message and before it is
 * marked sent. The item is sent again, with the same Message-ID, once it is released (its process is
 * gone) or its lease has run out.
 */
public final class OutboxDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDeliverer.class);
    /** Commands of one connection besides its messages: greeting, EHLO, STARTTLS, EHLO, AUTH, QUIT. */
    private static final int SESSION_COMMANDS = 6;
    /** Commands of one message: MAIL, RCPT, DATA, the content, end of data, RSET or NOOP after a failure. */
    private static final int MESSAGE_COMMANDS = 6;
    /** Lease beyond one message's worst case at the start of each message, for pauses and clocks. */
    private static final Duration MARGIN = Duration.ofMinutes(1);
    /** Lease beyond {@link #MARGIN}: how long quick sends go on before the batch's lease is renewed. */
    private static final Duration RENEWAL_SPAN = Duration.ofMinutes(1);

    private final DeliveryQueue queue;
    private final SmtpRelay relay;
    private final DeliveryConfig config;
    private final Backoff backoff;
    private final Clock clock;
    private final Meters meters;

    public OutboxDeliverer(DeliveryQueue queue, SmtpRelay relay, DeliveryConfig config, Clock clock, Meters meters) {
        this(queue, relay, config, Backoff.of(config), clock, meters);
    }

    OutboxDeliverer(DeliveryQueue queue, SmtpRelay relay, DeliveryConfig config, Backoff backoff, Clock clock) {
        this(queue, relay, config, backoff, clock, Meters.unobserved());
    }

    OutboxDeliverer(DeliveryQueue queue, SmtpRelay relay, DeliveryConfig config, Backoff backoff, Clock clock,
                    Meters meters) {
        if (config.batchSize() < 1) {
            throw new IllegalArgumentException("delivery.batch-size must be positive: " + config.batchSize());
        }
        this.queue = queue;
        this.relay = relay;
        this.config = config;
        this.backoff = backoff;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The lease a {@link DeliveryQueue} needs for this configuration: what each message must have left at its
     * start ({@link #leftPerMessage}), plus {@link #RENEWAL_SPAN}: the deliverer renews it when less than that
     * is left before a message.
     */
    public static Duration leaseFor(SmtpConfig smtp) {
        return leftPerMessage(smtp).plus(RENEWAL_SPAN);
    }

    /** The longest one message can take when every command runs into its timeout, a reconnection included, plus a margin. */
    private static Duration leftPerMessage(SmtpConfig smtp) {
        long commands = SESSION_COMMANDS + MESSAGE_COMMANDS;
        return smtp.connectTimeout().plus(smtp.timeout().multipliedBy(commands)).plus(MARGIN);
    }

    /** Delivers one batch of due items; {@link DeliveryReport#NOTHING} when none was due. */
    public DeliveryReport deliverDue() {
        CrashPoints.reach(CrashPoints.OUTBOX_BEFORE_CLAIM);
        Instant claimedAt = clock.instant();
        List<ClaimedMessage> batch = queue.claimDue(config.batchSize());
        if (batch.isEmpty()) {
            return DeliveryReport.NOTHING;
        }
        BatchLease lease = new BatchLease(queue, clock, leftPerMessage(relay.config()), claimedAt, batch);
        long started = System.nanoTime();
        Tally tally = new Tally();
        int next = 0;
        try (SmtpConnection connection = relay.open()) {
            for (; next < batch.size(); next++) {
                LogContext context = contextOf(batch.get(next).item());
                try {
                    deliver(connection, lease, batch.get(next), tally);
                } finally {
                    context.close();
                }
            }
        } catch (SmtpConnectException e) {
            for (; next < batch.size(); next++) {
                OutboxItem item = batch.get(next).item();
                contextOf(item).around(() -> deferOrGiveUp(item, e.getMessage(), tally));
            }
        }
        meters.deliveryRun(Duration.ofNanos(System.nanoTime() - started));
        return tally.report();
    }

    private static LogContext contextOf(OutboxItem item) {
        return LogContext.outboxItem(item.id(), item.ticketId());
    }

    private void deliver(SmtpConnection connection, BatchLease lease, ClaimedMessage message, Tally tally)
            throws SmtpConnectException {
        OutboxItem item = message.item();
        if (!lease.covers(item.id())) {
            LOG.warn("not sending <{}>: its lease expired and another deliverer took it", item.messageId());
            return;
        }
        CrashPoints.reach(CrashPoints.OUTBOX_BEFORE_SEND);
        try {
            connection.send(message);
        } catch (MessagingException e) {
            SmtpFailure failure = SmtpFailure.of(e);
            if (failure.permanent()) {
                fail(item, failure.text(), tally);
            } else {
                deferOrGiveUp(item, failure.text(), tally);
            }
            return;
        }
        CrashPoints.reach(CrashPoints.OUTBOX_AFTER_SEND);
        // At-least-once: the server has the message now. If this process dies before markSent commits,
        // the item stays 'sending' until it is released or its lease expires, and is then sent again, with
        // the same Message-ID. SMTP offers no way to make the hand-over and our record one step.
        if (queue.markSent(item.id())) {
            LOG.info("delivered <{}> to {}", item.messageId(), item.recipient());
        } else {
            LOG.warn("delivered <{}> to {}, but the lease had expired: another deliverer may send it again",
                    item.messageId(), item.recipient());
        }
        tally.sent++;
        meters.delivered(item.kind().label(), "sent");
    }

    private void deferOrGiveUp(OutboxItem item, String error, Tally tally) {
        Instant now = clock.instant();
        if (!now.isBefore(item.deliveryWindowStart().plus(config.maxAge()))) {
            fail(item, "gave up after " + Durations.format(config.maxAge()) + ": " + error, tally);
            return;
        }
        Duration wait = backoff.after(item.attempts());
        if (queue.markTemporaryFailure(item.id(), error, now.plus(wait))) {
            LOG.info("deferred <{}> to {} ({}), next attempt in {}", item.messageId(), item.recipient(), error,
                    Durations.formatRounded(wait));
        } else {
            LOG.warn("deferred <{}> to {} ({}), but the lease had expired", item.messageId(), item.recipient(), error);
        }
        tally.deferred++;
        meters.delivered(item.kind().label(), "deferred");
    }

    private void fail(OutboxItem item, String error, Tally tally) {
        if (queue.markFailed(item.id(), error)) {
            LOG.warn("failed <{}> to {} ({})", item.messageId(), item.recipient(), error);
        } else {
            LOG.warn("failed <{}> to {} ({}), but the lease had expired", item.messageId(), item.recipient(), error);
        }
        tally.failed++;
        meters.delivered(item.kind().label(), "failed");
    }

    private static final class Tally {
        int sent;
        int deferred;
        int failed;

        DeliveryReport report() {
            return new DeliveryReport(sent, deferred, failed);
        }
    }
}
