package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.EffectiveConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.mailbox.IdleWatcher;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.mailbox.PollReport;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.schedule.StageScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the daemon: polls every mailbox at its poll-interval (early on IMAP IDLE) and delivers "
                + "the outbox every delivery.interval until stopped. SIGTERM lets running stages finish.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    static final String DELIVERY_STAGE = "deliver-outbox";
    private static final int SHUTDOWN_GRACE_SECONDS = 30;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--once", description = "Poll every mailbox until it is empty, deliver the outbox, then exit; "
            + "exit 1 when a mailbox failed (the others still run).")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
        ReplygateConfig config = ConfigFiles.load(configOption.file).config();
        log.info("replygate {} starting with {}", VersionProvider.version(), configOption.file);
        EffectiveConfig.describe(config).forEach(line -> log.info("config: {}", line));
        Replygate replygate = new Replygate(config, Clock.systemUTC());
        CountDownLatch closed = new CountDownLatch(1);
        try {
            OutboxDeliverer deliverer = replygate.deliverer();
            List<MailboxPoller> pollers = replygate.mailboxPollers();
            if (once) {
                return runOnce(pollers, deliverer);
            }
            runUntilStopped(config, pollers, deliverer, closed);
            return ExitCodes.OK;
        } finally {
            replygate.close();
            closed.countDown();
        }
    }

    private static int runOnce(List<MailboxPoller> pollers, OutboxDeliverer deliverer) {
        List<String> failed = new ArrayList<>();
        for (MailboxPoller poller : pollers) {
            List<PollReport> reports = Replygate.pollUntilEmpty(poller);
            PollReport last = reports.get(reports.size() - 1);
            last.failure().ifPresent(why -> failed.add(poller.mailbox() + ": " + why));
        }
        DeliveryReport report = Replygate.deliverAllDue(deliverer);
        log.info("run --once done: {} mailbox(es), {} failed; outbox: {} sent, {} deferred, {} failed",
                pollers.size(), failed.size(), report.sent(), report.deferred(), report.failed());
        if (!failed.isEmpty()) {
            failed.forEach(f -> log.error("mailbox failed: {}", f));
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    /** Runs the stages until the JVM is asked to stop; the shutdown waits until {@code closed}. */
    private static void runUntilStopped(ReplygateConfig config, List<MailboxPoller> pollers,
                                        OutboxDeliverer deliverer, CountDownLatch closed)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        List<IdleWatcher> watchers = new ArrayList<>();
        StageScheduler scheduler = new StageScheduler(config.instance().name());
        try {
            scheduler.every(DELIVERY_STAGE, config.delivery().interval(), () -> Replygate.deliverAllDue(deliverer));
            for (int i = 0; i < pollers.size(); i++) {
                MailboxPoller poller = pollers.get(i);
                MailboxConfig mailbox = config.mailboxes().get(i);
                String stage = "poll-" + mailbox.name();
                scheduler.every(stage, mailbox.pollInterval(), () -> Replygate.pollUntilEmpty(poller));
                if (mailbox.protocol() == MailboxConfig.Protocol.IMAP && mailbox.idle()) {
                    watchers.add(new IdleWatcher(mailbox, () -> scheduler.runSoon(stage)));
                }
            }
            Thread hook = new Thread(() -> {
                log.info("stopping: letting running stages finish");
                watchers.forEach(IdleWatcher::close);
                scheduler.close();
                stopped.countDown();
                awaitQuietly(closed);
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            scheduler.start();
            watchers.forEach(IdleWatcher::start);
            log.info("replygate running: {} mailbox(es), delivering every {}", pollers.size(),
                    config.delivery().interval());
            stopped.await();
        } finally {
            scheduler.close();
        }
        log.info("replygate stopped");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
