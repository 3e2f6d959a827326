package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.Durations;
import dev.replygate.config.EffectiveConfig;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.http.HttpServer;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.mailbox.PollReport;
import dev.replygate.outbound.DeliveryReport;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxState;
import dev.replygate.schedule.NodeNameTaken;
import dev.replygate.store.DaemonLock;
import dev.replygate.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the daemon: polls every mailbox at its poll-interval (early on IMAP IDLE) and delivers "
                + "the outbox every delivery.interval (answers a poll queued at once) until stopped. SIGTERM lets running stages finish; SIGHUP (or `replygate reload`) re-reads the config.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    private static final int SHUTDOWN_GRACE_SECONDS = 30;
    /** Bounds the items still sending that {@code --once} lists in its log. */
    private static final int MAX_SENDING_LISTED = 20;

    @Mixin
    ConfigOption configOption;

    @Option(names = "--once", description = "Poll every mailbox until it is empty, delivering answers while it reads, then deliver the outbox and exit; "
            + "exit 1 when a mailbox failed (the others still run) or outbox items are left sending.")
    boolean once;

    @Option(names = "--wait-for-sending", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --once: how long to wait for outbox items another process is sending, or a dead "
                    + "one held (default: the delivery lease, one message's worst case).")
    Duration waitForSending;

    @Option(names = "--pid-file", paramLabel = "FILE",
            description = "Where to write the daemon's PID for `replygate reload` (default: replygate.pid in "
                    + "$RUNTIME_DIRECTORY under systemd, else in the working directory).")
    Path pidFile;

    @Override
    public Integer call() throws InterruptedException {
        ReplygateConfig config = ConfigFiles.load(configOption.file).config();
        log.info("replygate {} starting with {}", VersionProvider.version(), configOption.file);
        EffectiveConfig.describe(config).forEach(line -> log.info("config: {}", line));
        if (once) {
            return runOnce(config);
        }
        Optional<DaemonLock> lock = daemonLock(config);
        try {
            return runDaemon(config);
        } finally {
            lock.ifPresent(DaemonLock::close);
        }
    }

    /** Refuses a second daemon on an H2 file store, before it opens the store. */
    private static Optional<DaemonLock> daemonLock(ReplygateConfig config) {
        try {
            return DaemonLock.take(config.store().url());
        } catch (StoreException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    private Integer runOnce(ReplygateConfig config) throws InterruptedException {
        try (StopSignals stop = StopSignals.handle()) {
            Replygate replygate = new Replygate(config, Clock.systemUTC());
            try {
                return runOnce(replygate, waitForSending != null ? waitForSending : replygate.deliveryLease(), stop);
            } finally {
                replygate.close();
            }
        }
    }

    private Integer runDaemon(ReplygateConfig config) throws InterruptedException {
        try (StopSignals stop = StopSignals.handle()) {
            Replygate replygate = new Replygate(config, Clock.systemUTC());
            CountDownLatch closed = new CountDownLatch(1);
            try {
                return runReloadableUntilStopped(replygate, closed, stop);
            } finally {
                replygate.close();
                closed.countDown();
            }
        }
    }

    /**
     * Reads every mailbox while full batches of answers already go out beside it, then delivers what is left. A
     * SIGTERM or SIGINT ends it after the batch going on: what it read is recorded, its answers not yet sent stay
     * queued, and the next run (or the daemon) goes on from there.
     */
    private static int runOnce(Replygate replygate, Duration waitForSending, StopSignals stopped)
            throws InterruptedException {
        stopped.onStop(signal -> log.info("run --once: SIG{}: ending after the batch going on; what is left waits"
                + " for the next run (another signal stops at once)", signal));
        OutboxDeliverer deliverer = replygate.deliverer();
        Outbox outbox = replygate.outbox();
        DeliveryBesideReading beside = DeliveryBesideReading.start(deliverer,
                replygate.config().delivery().batchSize(), stopped);
        List<MailboxPoller> pollers = replygate.mailboxPollers(beside::answerQueued);
        List<String> failed = new ArrayList<>();
        DeliveryReport whileReading;
        try {
            for (MailboxPoller poller : pollers) {
                List<PollReport> reports;
                try (poller) {
                    if (stopped.getAsBoolean()) {
                        continue;
                    }
                    reports = Replygate.pollUntilEmpty(poller, stopped);
                }
                PollReport last = reports.get(reports.size() - 1);
                last.failure().ifPresent(why -> failed.add(poller.mailbox() + ": " + why));
            }
        } finally {
            // on every path: the thread must not deliver while the store closes
            whileReading = beside.finish();
        }
        DeliveryReport report = stopped.getAsBoolean() ? whileReading
                : whileReading.plus(Replygate.deliverAndAwaitSending(deliverer, outbox, waitForSending, stopped));
        if (stopped.getAsBoolean()) {
            log.info("run --once stopped on SIG{}: outbox: {} sent, {} deferred, {} failed; the rest waits for the next"
                    + " run", stopped.signal(), report.sent(), report.deferred(), report.failed());
            failed.forEach(f -> log.error("mailbox failed: {}", f));
            return stopped.exitCode();
        }
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
        ReloadableStages stages = new ReloadableStages(config -> http);
        try (StopSignals stop = StopSignals.handle()) {
            runUntilStopped(replygate, stages, started, closed, () -> { }, stop);
        }
    }

    /**
     * Runs the stages until stopped; each SIGHUP reloads {@link #configOption}'s file, and the PID file and
     * the reloads' outcomes tell {@code replygate reload} how it went.
     */
    private int runReloadableUntilStopped(Replygate replygate, CountDownLatch closed, StopSignals stop)
            throws InterruptedException {
        ReloadableStages stages = new ReloadableStages(RunCommand::httpOf);
        ReloadFiles files = new ReloadFiles(pidFile != null ? pidFile : ReloadFiles.defaultPidFile(System.getenv()));
        long pid = ProcessHandle.current().pid();
        AtomicInteger reloads = new AtomicInteger();
        // before the PID file: a SIGHUP the JVM does not handle ends it
        Signals.Handled hangup = Signals.on("HUP", () -> {
            synchronized (reloads) {
                recordQuietly(files, pid, reloads.incrementAndGet(), reload(stages));
            }
        }, "reload by restarting");
        try {
            boolean announced = announce(files, pid);
            return runUntilStopped(replygate, stages, server -> { }, closed, () -> {
                if (announced) {
                    removeQuietly(files, pid);
                }
            }, stop);
        } finally {
            hangup.close();
        }
    }

    /** Reloads; a failure is logged and reported to {@code replygate reload}, never ends the daemon. */
    private ReloadOutcome reload(ReloadableStages stages) {
        try {
            return stages.reload(configOption.file);
        } catch (RuntimeException e) {
            log.error("reload failed", e);
            return ReloadOutcome.refused(List.of("the reload failed (" + e.getMessage() + "); the log says more"));
        }
    }

    private static Optional<HttpServerConfig> httpOf(ReplygateConfig config) {
        return config.http().enabled() ? Optional.of(config.http()) : Optional.empty();
    }

    /** Runs until stopped: exit code OK, or FAILURE when another process took this node's name meanwhile. */
    private static int runUntilStopped(Replygate replygate, ReloadableStages stages, Consumer<HttpServer> started,
                                       CountDownLatch closed, Runnable onStop, StopSignals stop)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<NodeNameTaken> nameTaken = new AtomicReference<>();
        Runnable stopOnce = once(() -> {
            try {
                stages.stop();
            } finally {
                onStop.run();
            }
        });
        stop.onStop(signal -> {
            log.info("stopping on SIG{}: letting running stages finish (another signal stops at once)", signal);
            stopped.countDown();
        });
        try {
            try {
                if (!stop.getAsBoolean()) { // asked while the store opened: nothing to start
                    stages.start(replygate, taken -> {
                        nameTaken.set(taken);
                        stopped.countDown();
                    });
                }
            } catch (NodeNameTaken e) {
                throw new UserFacingException(e.getMessage());
            }
            // only where the JVM's own SIGTERM handling is left (or System.exit elsewhere): H2 closes the store
            // in its own hook meanwhile, under any stage still running
            Thread hook = new Thread(() -> {
                if (stopped.getCount() > 0) {
                    log.info("stopping: letting running stages finish");
                }
                stopOnce.run();
                stopped.countDown();
                awaitQuietly(closed);
            }, "shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            stages.server().ifPresent(started);
            stopped.await();
        } finally {
            stopOnce.run();
        }
        log.info("replygate stopped");
        // the claim logged why; not a clean stop, so that a service manager restarts the process under watch
        return nameTaken.get() == null ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** {@code action} the first time it is called; later calls wait until it has ended, and do nothing. */
    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            synchronized (done) {
                if (!done.getAndSet(true)) {
                    action.run();
                }
            }
        };
    }

    private static boolean announce(ReloadFiles files, long pid) {
        try {
            files.announce(pid, ProcessStart.of(ProcessHandle.current()));
            log.info("PID {} written to {}: `replygate reload --pid-file {}` or SIGHUP reloads the configuration",
                    pid, files.pidFile(), files.pidFile());
            return true;
        } catch (IOException e) {
            log.warn("cannot write the PID file {} ({}); SIGHUP still reloads the configuration", files.pidFile(),
                    e.toString());
            return false;
        }
    }

    private static void recordQuietly(ReloadFiles files, long pid, int sequence, ReloadOutcome outcome) {
        try {
            files.record(pid, sequence, outcome);
        } catch (IOException e) {
            log.warn("cannot record the reload's outcome beside {}: {}", files.pidFile(), e.toString());
        }
    }

    private static void removeQuietly(ReloadFiles files, long pid) {
        try {
            files.remove(pid);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot remove the PID file {}: {}", files.pidFile(), e.toString());
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
