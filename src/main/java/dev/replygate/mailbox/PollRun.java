package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.logging.LogContext;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One run over a mailbox, whatever its protocol: connect, read, always disconnect, and turn any
 * failure into the report (never thrown) with one log line for the run.
 */
final class PollRun {

    private static final Logger log = LoggerFactory.getLogger(PollRun.class);

    private PollRun() {
    }

    /** What a poller does with the connected store; it counts outcomes in {@code tally}. */
    @FunctionalInterface
    interface Reading {
        void read(Store store, RunTally tally) throws MessagingException, SinkFailure;
    }

    /**
     * Runs {@code reading} on a store of {@code connections}, ending it early between two batches when {@code
     * giveWay} says so ({@link RunTally#stopsBefore}); {@code returnPaths} says after the run what the first
     * examined messages showed.
     */
    static PollReport run(MailboxConfig config, MailConnections connections, ReturnPathReport returnPaths,
                          BooleanSupplier giveWay, Reading reading) {
        LogContext context = LogContext.mailbox(config.name());
        try {
            return runIn(config, connections, returnPaths, giveWay, reading);
        } finally {
            context.close();
        }
    }

    private static PollReport runIn(MailboxConfig config, MailConnections connections, ReturnPathReport returnPaths,
                                    BooleanSupplier giveWay, Reading reading) {
        long started = System.nanoTime();
        RunTally tally = new RunTally(giveWay);
        Optional<String> failure = Optional.empty();
        Store store = null;
        boolean completed = false;
        try {
            store = connections.take();
            reading.read(store, tally);
            completed = true;
        } catch (SinkFailure e) {
            failure = Optional.of(e.getMessage());
            log.warn(e.getMessage(), e.getCause());
        } catch (MessagingException | RuntimeException e) {
            failure = Optional.of(Failures.describe(e));
            log.warn(failure.get(), e instanceof RuntimeException ? e : null);
        } finally {
            connections.giveBack(store, completed);
        }
        PollReport report = tally.report(config.name(), Duration.ofNanos(System.nanoTime() - started), failure);
        log.info(report.summary());
        returnPaths.endOfRun();
        return report;
    }
}
