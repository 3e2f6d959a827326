package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.Durations;
import dev.replygate.config.EffectiveConfig;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.DigestConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.api.ApiRoutes;
import dev.replygate.digest.Digests;
import dev.replygate.digest.MailboxHealth;
import dev.replygate.http.HttpServer;
import dev.replygate.inbound.Decisions;
import dev.replygate.mailbox.IdleWatcher;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.mailbox.PollReport;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxState;
import dev.replygate.ops.HealthRoutes;
import dev.replygate.ops.MetricsRoutes;
import dev.replygate.ops.Readiness;
import dev.replygate.schedule.StageScheduler;
import dev.replygate.status.StatusRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the daemon: polls every mailbox at its poll-interval (early on IMAP IDLE) and delivers "
                + "the outbox every delivery.interval (answers a poll queued at once) until stopped. SIGTERM lets running stages finish.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    static final String DELIVERY_STAGE = "deliver-outbox";
    static final String RETENTION_STAGE = "retention";
    private static final Duration RETENTION_INTERVAL = Duration.ofDays(1);
    static final String DIGEST_STAGE_PREFIX = "digest-";
    private static final int SHUTDOWN_GRACE_SECONDS = 30;
    /** Bounds the items still sending that {@code --once} lists in its log. */
    private static final int MAX_SENDING_LISTED = 20;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--once", description = "Poll every mailbox until it is empty, deliver the outbox, then exit; "
            + "exit 1 when a mailbox failed (the others still run) or outbox items are left sending.")
    boolean once;

    @Option(names = "--wait-for-sending", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --once: how long to wait for outbox items another process is sending, or a dead "
                    + "one held (default: the delivery lease, one message's worst case).")
    Duration waitForSending;

    @Override
    public Integer call() throws InterruptedException {
        ReplygateConfig config = ConfigFiles.load(configOption.file).config();
        log.info("replygate {} starting with {}", VersionProvider.version(), configOption.file);
        EffectiveConfig.describe(config).forEach(line -> log.info("config: {}", line));
        Replygate replygate = new Replygate(config, Clock.systemUTC());
        CountDownLatch closed = new CountDownLatch(1);
        try {
            if (once) {
                return runOnce(replygate.mailboxPollers(), replygate.deliverer(), replygate.outbox(),
                        waitForSending != null ? waitForSending : replygate.deliveryLease());
            }
            runUntilStopped(replygate, config.http().enabled() ? Optional.of(config.http()) : Optional.empty(),
                    server -> { }, closed);
            return ExitCodes.OK;
        } finally {
            replygate.close();
            closed.countDown();
        }
    }

    private static int runOnce(List<MailboxPoller> pollers, OutboxDeliverer deliverer, Outbox outbox,
                               Duration waitForSending) throws InterruptedException {
        List<String> failed = new ArrayList<>();
        for (MailboxPoller poller : pollers) {
            List<PollReport> reports = Replygate.pollUntilEmpty(poller);
            PollReport last = reports.get(reports.size() - 1);
            last.failure().ifPresent(why -> failed.add(poller.mailbox() + ": " + why));
        }
        DeliveryReport report = Replygate.deliverAndAwaitSending(deliverer, outbox, waitForSending);
        List<OutboxItem> sending = outbox.list(OutboxState.SENDING, MAX_SENDING_LISTED);
        log.info("run --once done: {} mailbox(es), {} failed; outbox: {} sent, {} deferred, {} failed, {} still sending",
                pollers.size(), failed.size(), report.sent(), report.deferred(), report.failed(),
                sending.size() < MAX_SENDING_LISTED ? sending.size() : "at least " + sending.size());
        failed.forEach(f -> log.error("mailbox failed: {}", f));
        if (!sending.isEmpty()) {
            log.error("outbox items still sending after waiting {}, left to their holders: {}",
                    Durations.format(waitForSending), describe(sending));
        }
        return failed.isEmpty() && sending.isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String describe(List<OutboxItem> items) {
        return items.stream()
                .map(item -> "outbox#" + item.id() + " held by " + item.leaseOwner() + " ("
                        + OutboxCommand.holderState(item.leaseOwner()) + ") until " + item.leaseUntil())
                .collect(Collectors.joining(", "));
    }

    /**
     * Runs the stages, and with {@code http} the operators' endpoints (given to {@code started} once they
     * listen), until the JVM is asked to stop; the shutdown waits until {@code closed}.
     */
    static void runUntilStopped(Replygate replygate, Optional<HttpServerConfig> http,
                                Consumer<HttpServer> started, CountDownLatch closed) throws InterruptedException {
        ReplygateConfig config = replygate.config();
        OutboxDeliverer deliverer = replygate.deliverer();
        List<MailboxPoller> pollers = replygate.mailboxPollers();
        CountDownLatch stopped = new CountDownLatch(1);
        List<IdleWatcher> watchers = new ArrayList<>();
        StageScheduler scheduler = new StageScheduler(config.instance().name());
        HttpServer server = null;
        try {
            scheduler.every(DELIVERY_STAGE, config.delivery().interval(), () -> Replygate.deliverAllDue(deliverer));
            scheduler.every(RETENTION_STAGE, RETENTION_INTERVAL, () -> replygate.retention().run());
            for (int i = 0; i < pollers.size(); i++) {
                MailboxPoller poller = pollers.get(i);
                MailboxConfig mailbox = config.mailboxes().get(i);
                String stage = "poll-" + mailbox.name();
                // an answer queued by this run goes out now, not at the next delivery.interval tick
                scheduler.every(stage, mailbox.pollInterval(), () -> Replygate.pollUntilEmpty(poller, report -> {
                    if (report.redirected() > 0) {
                        scheduler.runSoon(DELIVERY_STAGE);
                    }
                }));
                if (mailbox.protocol() == MailboxConfig.Protocol.IMAP && mailbox.idle()) {
                    IdleWatcher watcher = new IdleWatcher(mailbox, () -> scheduler.runSoon(stage));
                    replygate.meters().idleConnected(mailbox.name(), watcher::isIdling);
                    watchers.add(watcher);
                }
            }
            Digests digests = replygate.digests(MailboxHealth.of(replygate.meters()));
            for (DigestConfig digest : config.digests()) {
                scheduler.cron(DIGEST_STAGE_PREFIX + digest.name(), digest.cron(), digest.timeZone(),
                        firing -> digests.sendScheduled(digest, firing));
            }
            server = http.map(httpConfig -> startHttpServer(replygate, httpConfig, scheduler)).orElse(null);
            HttpServer listening = server;
            Thread hook = new Thread(() -> {
                log.info("stopping: letting running stages finish");
                if (listening != null) {
                    listening.close();
                }
                watchers.forEach(IdleWatcher::close);
                scheduler.close();
                stopped.countDown();
                awaitQuietly(closed);
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            scheduler.start();
            watchers.forEach(IdleWatcher::start);
            config.digests().forEach(digest -> sendLastEnded(digests, digest));
            log.info("replygate running: {} mailbox(es), delivering every {}, {} digest(s)", pollers.size(),
                    Durations.format(config.delivery().interval()), config.digests().size());
            if (listening != null) {
                started.accept(listening);
            }
            stopped.await();
        } finally {
            if (server != null) {
                server.close();
            }
            scheduler.close();
        }
        log.info("replygate stopped");
    }

    /** The digest of the period before the start, when no node sent it: a firing missed while down. */
    private static void sendLastEnded(Digests digests, DigestConfig digest) {
        try {
            digests.sendLastEnded(digest);
        } catch (RuntimeException e) {
            log.error("digest {}: the last period's digest was not queued; the next firing sends the next one",
                    digest.name(), e);
        }
    }

    /** The operators' endpoints (/metrics, /healthz, /readyz, the status pages) and the portal's API. */
    private static HttpServer startHttpServer(Replygate replygate, HttpServerConfig httpConfig,
                                              StageScheduler scheduler) {
        Clock clock = Clock.systemUTC();
        Readiness readiness = new Readiness(replygate.store(), scheduler::isRunning, replygate.config().mailboxes(),
                replygate.meters(), clock);
        try {
            return HttpServer.start(httpConfig, List.of(
                    new MetricsRoutes(replygate.meters(), replygate.outbox(), clock),
                    new HealthRoutes(readiness),
                    new StatusRoutes(replygate.config().mailboxes(), replygate.meters(),
                            new Decisions(replygate.store()), replygate.outbox(), scheduler::stages,
                            replygate.config().notifications().defaultLocale(),
                            replygate.config().notifications().timeZone(), clock),
                    ApiRoutes.of(replygate)));
        } catch (IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
