package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.EffectiveConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.config.SigningConfig;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.schedule.StageScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the daemon: delivers the outbox every delivery.interval until stopped. "
                + "SIGTERM lets the running batch finish.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    static final String DELIVERY_STAGE = "deliver-outbox";
    private static final int SHUTDOWN_GRACE_SECONDS = 30;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--once", description = "Deliver everything that is due, then exit.")
    boolean once;

    @Override
    public Integer call() throws InterruptedException {
        ReplygateConfig config = ConfigFiles.load(configOption.file).config();
        log.info("replygate {} starting with {}", VersionProvider.version(), configOption.file);
        EffectiveConfig.describe(config).forEach(line -> log.info("config: {}", line));
        warnAboutExampleSecrets(config.signing());
        try (Replygate components = new Replygate(config, Clock.systemUTC())) {
            OutboxDeliverer deliverer = components.deliverer();
            if (once) {
                DeliveryReport report = Replygate.deliverAllDue(deliverer);
                log.info("run --once done: {} sent, {} deferred, {} failed", report.sent(), report.deferred(),
                        report.failed());
                return ExitCodes.OK;
            }
            CountDownLatch closed = new CountDownLatch(1);
            try {
                runUntilStopped(config, deliverer, closed);
            } finally {
                components.close();
                closed.countDown();
            }
            return ExitCodes.OK;
        }
    }

    /** Runs the stages until the JVM is asked to stop; the shutdown waits until {@code closed}. */
    private static void runUntilStopped(ReplygateConfig config, OutboxDeliverer deliverer, CountDownLatch closed)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (StageScheduler scheduler = new StageScheduler(config.instance().name())) {
            scheduler.every(DELIVERY_STAGE, config.delivery().interval(), () -> Replygate.deliverAllDue(deliverer));
            Thread hook = new Thread(() -> {
                log.info("stopping: letting running stages finish");
                scheduler.close();
                stopped.countDown();
                awaitQuietly(closed);
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            scheduler.start();
            log.info("replygate running: delivering every {}", config.delivery().interval());
            stopped.await();
        }
        log.info("replygate stopped");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void warnAboutExampleSecrets(SigningConfig signing) {
        signing.keys().stream()
                .filter(key -> key.secret().reveal().startsWith("change-me"))
                .forEach(key -> log.warn("signing key {} is the example secret from the shipped configuration: "
                        + "anyone can forge replygate's signatures; set REPLYGATE_SIGNING_KEY or "
                        + "signing.keys[].secret-file", key.id()));
    }
}
