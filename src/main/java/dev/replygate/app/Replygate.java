package dev.replygate.app;

import dev.replygate.api.ApiRoutes;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.decide.NotificationDirectory;
import dev.replygate.inbound.Decisions;
import dev.replygate.inbound.Explainer;
import dev.replygate.inbound.InboundPipeline;
import dev.replygate.digest.Digests;
import dev.replygate.digest.MailboxHealth;
import dev.replygate.inbound.InboundPipelines;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.mailbox.MessageSink;
import dev.replygate.mailbox.PollReport;
import dev.replygate.metrics.Meters;
import dev.replygate.notify.NotificationService;
import dev.replygate.notify.Notifications;
import dev.replygate.oauth2.AccessTokens;
import dev.replygate.oauth2.RotatedRefreshTokens;
import dev.replygate.outbound.DeliveryQueue;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.outbound.OutboxState;
import dev.replygate.outbound.SmtpRelay;
import dev.replygate.retention.Retention;
import dev.replygate.retention.RetentionPolicy;
import dev.replygate.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** replygate assembled: its parts built from one configuration on one store. */
public final class Replygate implements AutoCloseable {

    private static final Duration RETENTION_SPARE = Duration.ofDays(1);

    /** Bounds one drain of the outbox; each round is one batch. */
    private static final int MAX_BATCHES_PER_DRAIN = 10_000;
    /** Bounds one drain of a mailbox; each run takes every message new at its start. */
    private static final int MAX_POLLS_PER_DRAIN = 1_000;
    /** How often {@link #deliverAndAwaitSending} looks again at items others are sending. */
    private static final Duration SENDING_POLL = Duration.ofSeconds(1);

    private final ReplygateConfig config;
    private final Clock clock;
    private final Store store;
    private final Outbox outbox;
    private final Meters meters;
    private final SharedParts parts;
    private final AccessTokens.KeptIn rotatedTokensKept;

    /** replygate for a long-running process: the daemon, the demo. */
    public Replygate(ReplygateConfig config, Clock clock) {
        this(config, clock, StoreOpening.begin(() -> Store.open(config.store())));
    }

    /** Builds the parts that need no store while the store opens: at start, most of the time goes to each. */
    private Replygate(ReplygateConfig config, Clock clock, StoreOpening opening) {
        this.config = config;
        this.clock = clock;
        try {
            this.meters = new Meters(clock);
            this.parts = SharedParts.of(config, clock);
        } catch (RuntimeException | Error e) {
            opening.abandon(e);
            throw e;
        }
        this.store = opening.await();
        this.outbox = new Outbox(store, clock);
        this.rotatedTokensKept = AccessTokens.keepRotatedRefreshTokensIn(new RotatedRefreshTokens(store, clock));
    }

    private Replygate(ReplygateConfig config, Clock clock, Store store, Outbox outbox, Meters meters) {
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.outbox = outbox;
        this.meters = meters;
        this.parts = SharedParts.of(config, clock);
        this.rotatedTokensKept = AccessTokens.keepRotatedRefreshTokensIn(new RotatedRefreshTokens(store, clock));
    }

    /**
     * replygate on {@code newConfig} (a reload), on this one's store, outbox and meters; the store's
     * settings are this one's (a reload refuses to change them). Close only the last of them: they share the store.
     */
    public Replygate reconfigured(ReplygateConfig newConfig) {
        return new Replygate(newConfig, clock, store, outbox, meters);
    }

    /** replygate for a short-lived command beside the daemon (see {@link Store#openForCommand}). */
    public static Replygate forCommand(ReplygateConfig config, Clock clock) {
        return new Replygate(config, clock, StoreOpening.begin(() -> Store.openForCommand(config.store())));
    }

    public ReplygateConfig config() {
        return config;
    }

    public Store store() {
        return store;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** What this process's stages did, for {@code /metrics} and {@code /readyz}. */
    public Meters meters() {
        return meters;
    }

    public NotificationService notificationService() {
        return new NotificationService(config, store, parts.renderer(), parts.messageIds(), parts.replyTokens(),
                parts.composer(), outbox, new Notifications(store), clock);
    }

    /** The portal's API on this replygate's notification service, outbox and store. */
    public ApiRoutes apiRoutes() {
        return new ApiRoutes(notificationService(), outbox, new Notifications(store), new Decisions(store));
    }

    /**
     * The retention purge of this configuration (see {@link RetentionPolicy#of}), keeping what the digests
     * may still read, with a day to spare: the purge runs daily.
     */
    public Retention retention() {
        Duration digestsRead = Digests.stillRead(config.digests(), clock.instant()).plus(RETENTION_SPARE);
        return new Retention(store, RetentionPolicy.of(config).keepingAtLeast(digestsRead),
                config.retention().batchSize(), clock, meters);
    }

    /** The operators' digests; {@code health} tells how the mailboxes are doing (the daemon's meters, or unknown). */
    public Digests digests(MailboxHealth health) {
        return new Digests(config, store, outbox, parts.messageIds(), parts.composer(), health, clock);
    }

    /** How long a delivery claim holds without renewal: one message's worst case (see {@link OutboxDeliverer#leaseFor}). */
    public Duration deliveryLease() {
        return OutboxDeliverer.leaseFor(config.smtp());
    }

    public OutboxDeliverer deliverer() {
        DeliveryQueue queue = new DeliveryQueue(store, clock, DeliveryQueue.processOwnerName(), deliveryLease());
        return new OutboxDeliverer(queue, new SmtpRelay(config.smtp()), config.delivery(), clock, meters);
    }

    /** One poller per configured mailbox, each feeding its own inbound pipeline. */
    public List<MailboxPoller> mailboxPollers() {
        return mailboxPollers(() -> { });
    }

    /**
     * {@link #mailboxPollers()}, calling {@code answerQueued} after each message the inbound stage redirected
     * (see {@link MessageSink#onRedirected}): a delivery running beside the polls wakes then.
     */
    public List<MailboxPoller> mailboxPollers(Runnable answerQueued) {
        return config.mailboxes().stream()
                .map(mailbox -> MailboxPoller.create(mailbox, inboundPipeline(mailbox).onRedirected(answerQueued),
                        store, clock, meters, config.instance()))
                .toList();
    }

    /** The pipeline that records and answers the messages of {@code mailbox}. */
    public InboundPipeline inboundPipeline(MailboxConfig mailbox) {
        return InboundPipelines.forMailbox(parts.inbound(), mailbox, store, outbox, clock, meters);
    }

    /**
     * What {@code explain} replays: with the notifications on record in {@code store} (opened read-only),
     * or, without one, with none on record.
     */
    public static Explainer explainer(ReplygateConfig config, Clock clock, Optional<Store> store) {
        return new Explainer(SharedParts.of(config, clock).inbound(),
                store.map(InboundPipelines::notificationsIn).orElse(NotificationDirectory.OFFLINE));
    }

    /**
     * Polls the mailbox until a run finds nothing new (or fails, or {@link #MAX_POLLS_PER_DRAIN} runs
     * have passed); returns the runs' reports. A run that stopped at its {@code batches-per-run} with mail
     * left is followed by the next at once.
     */
    public static List<PollReport> pollUntilEmpty(MailboxPoller poller) {
        return pollUntilEmpty(poller, report -> { });
    }

    /** {@link #pollUntilEmpty(MailboxPoller)}, giving {@code afterEach} each run's report as soon as it ends. */
    public static List<PollReport> pollUntilEmpty(MailboxPoller poller, Consumer<PollReport> afterEach) {
        return poll(poller, afterEach, false, () -> false, () -> false);
    }

    /**
     * {@link #pollUntilEmpty(MailboxPoller)}, ending between two batches once {@code stopped} says so (a run asked
     * to stop): the messages of the batches done are recorded, the rest waits for the next poll.
     */
    public static List<PollReport> pollUntilEmpty(MailboxPoller poller, BooleanSupplier stopped) {
        return poll(poller, report -> { }, false, stopped, stopped);
    }

    /**
     * A daemon's stage run over the mailbox: {@link #pollUntilEmpty(MailboxPoller)}, but after a run that stopped
     * at its {@code batches-per-run} with mail left it leaves the mailbox and tells {@code mailLeft}, which asks
     * for the stage's next run at once: the rest is read by whichever node is free, and this stage thread is
     * free for another mailbox meanwhile. A run also ends between two batches when {@code giveWay} says so
     * ({@link MailboxPoller#poll(BooleanSupplier)}): then too its next run is asked for.
     */
    public static List<PollReport> pollPart(MailboxPoller poller, BooleanSupplier giveWay, Runnable mailLeft) {
        List<PollReport> reports = poll(poller, report -> { }, true, giveWay, () -> false);
        if (reports.get(reports.size() - 1).mailLeft()) {
            mailLeft.run();
        }
        return reports;
    }

    private static List<PollReport> poll(MailboxPoller poller, Consumer<PollReport> afterEach, boolean partOnly,
                                         BooleanSupplier giveWay, BooleanSupplier stopped) {
        List<PollReport> reports = new ArrayList<>();
        for (int run = 0; run < MAX_POLLS_PER_DRAIN; run++) {
            PollReport report = poller.poll(giveWay);
            reports.add(report);
            afterEach.accept(report);
            boolean goOn = report.mailLeft() ? !partOnly : report.found() > 0 && report.processed() > 0;
            if (report.failed() || !goOn || stopped.getAsBoolean()) {
                break;
            }
        }
        return reports;
    }

    /**
     * Delivers batch after batch until nothing due is left, or a batch sends nothing (the relay is down:
     * the items wait for their next attempt).
     */
    public static DeliveryReport deliverAllDue(OutboxDeliverer deliverer) {
        return deliverAllDue(deliverer, () -> false);
    }

    /** {@link #deliverAllDue(OutboxDeliverer)}, ending between two batches once {@code stopped} says so. */
    public static DeliveryReport deliverAllDue(OutboxDeliverer deliverer, BooleanSupplier stopped) {
        DeliveryReport total = DeliveryReport.NOTHING;
        for (int round = 0; round < MAX_BATCHES_PER_DRAIN && !stopped.getAsBoolean(); round++) {
            DeliveryReport report = deliverer.deliverDue();
            total = total.plus(report);
            if (report.attempted() == 0 || report.sent() == 0) {
                break;
            }
        }
        return total;
    }

    /**
     * Delivers everything due, then, while items are still {@code sending} (another process is sending
     * them, or held them and died), waits for them up to {@code maxWait}, delivering again every
     * {@link #SENDING_POLL}: items released from a dead holder, or whose lease ran out, are sent here.
     * What is left {@code sending} afterwards shows in {@link Outbox#list(OutboxState, int)}. Once {@code stopped}
     * says so, it ends after the batch going on, and waits no more.
     */
    public static DeliveryReport deliverAndAwaitSending(OutboxDeliverer deliverer, Outbox outbox, Duration maxWait,
                                                        BooleanSupplier stopped) throws InterruptedException {
        DeliveryReport total = deliverAllDue(deliverer, stopped);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!stopped.getAsBoolean() && !outbox.list(OutboxState.SENDING, 1).isEmpty()
                && System.nanoTime() - deadline < 0) {
            Thread.sleep(Math.min(SENDING_POLL.toMillis(),
                    Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
            total = total.plus(deliverAllDue(deliverer, stopped));
        }
        return total;
    }

    @Override
    public void close() {
        rotatedTokensKept.close();
        store.close();
    }
}
