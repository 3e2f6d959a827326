package dev.replygate.outbound;

import dev.replygate.config.DeliveryConfig;
import dev.replygate.config.SmtpConfig;
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
 */
public final class OutboxDeliverer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDeliverer.class);
    /** Commands of one connection besides its messages: greeting, EHLO, STARTTLS, EHLO, AUTH, QUIT. */
    private static final int SESSION_COMMANDS = 6;
    /** Commands of one message: MAIL, RCPT, DATA, the content, end of data, RSET or NOOP after a failure. */
    private static final int MESSAGE_COMMANDS = 6;

    private final DeliveryQueue queue;
    private final SmtpRelay relay;
    private final DeliveryConfig config;
    private final Backoff backoff;
    private final Clock clock;

    public OutboxDeliverer(DeliveryQueue queue, SmtpRelay relay, DeliveryConfig config, Clock clock) {
        this(queue, relay, config, Backoff.of(config), clock);
    }

    OutboxDeliverer(DeliveryQueue queue, SmtpRelay relay, DeliveryConfig config, Backoff backoff, Clock clock) {
        if (config.batchSize() < 1) {
            throw new IllegalArgumentException("delivery.batch-size must be positive: " + config.batchSize());
        }
        this.queue = queue;
        this.relay = relay;
        this.config = config;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * The lease a {@link DeliveryQueue} needs for this configuration: the longest a batch can take when
     * every command runs into its timeout, so that no other deliverer takes an item still being sent.
     */
    public static Duration leaseFor(SmtpConfig smtp, DeliveryConfig delivery) {
        long commands = SESSION_COMMANDS + (long) MESSAGE_COMMANDS * delivery.batchSize();
        return smtp.connectTimeout().plus(smtp.timeout().multipliedBy(commands)).plusMinutes(1);
    }

    /** Delivers one batch of due items; {@link DeliveryReport#NOTHING} when none was due. */
    public DeliveryReport deliverDue() {
        CrashPoints.reach(CrashPoints.OUTBOX_BEFORE_CLAIM);
        List<ClaimedMessage> batch = queue.claimDue(config.batchSize());
        if (batch.isEmpty()) {
            return DeliveryReport.NOTHING;
        }
        Tally tally = new Tally();
        int next = 0;
        try (SmtpConnection connection = relay.open()) {
            for (; next < batch.size(); next++) {
                deliver(connection, batch.get(next), tally);
            }
        } catch (SmtpConnectException e) {
            for (; next < batch.size(); next++) {
                deferOrGiveUp(batch.get(next).item(), e.getMessage(), tally);
            }
        }
        return tally.report();
    }

    private void deliver(SmtpConnection connection, ClaimedMessage message, Tally tally)
            throws SmtpConnectException {
        OutboxItem item = message.item();
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
        // the item stays 'sending' until its lease expires and is then sent again, with the same
        // Message-ID. SMTP offers no way to make the hand-over and our record one step.
        if (queue.markSent(item.id())) {
            LOG.info("delivered outbox#{} <{}> to {}", item.id(), item.messageId(), item.recipient());
        } else {
            LOG.warn("delivered outbox#{} <{}> to {}, but the lease had expired: another deliverer may send it"
                    + " again", item.id(), item.messageId(), item.recipient());
        }
        tally.sent++;
    }

    private void deferOrGiveUp(OutboxItem item, String error, Tally tally) {
        Instant now = clock.instant();
        if (!now.isBefore(item.deliveryWindowStart().plus(config.maxAge()))) {
            fail(item, "gave up after " + ShortDurations.format(config.maxAge()) + ": " + error, tally);
            return;
        }
        Duration wait = backoff.after(item.attempts());
        if (queue.markTemporaryFailure(item.id(), error, now.plus(wait))) {
            LOG.info("deferred outbox#{} <{}> to {} ({}), next attempt in {}", item.id(), item.messageId(),
                    item.recipient(), error, ShortDurations.format(wait));
        } else {
            LOG.warn("deferred outbox#{} <{}> to {} ({}), but the lease had expired", item.id(), item.messageId(),
                    item.recipient(), error);
        }
        tally.deferred++;
    }

    private void fail(OutboxItem item, String error, Tally tally) {
        if (queue.markFailed(item.id(), error)) {
            LOG.warn("failed outbox#{} <{}> to {} ({})", item.id(), item.messageId(), item.recipient(), error);
        } else {
            LOG.warn("failed outbox#{} <{}> to {} ({}), but the lease had expired", item.id(), item.messageId(),
                    item.recipient(), error);
        }
        tally.failed++;
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
