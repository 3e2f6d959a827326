package dev.replygate.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forces an H2 file store onto the disk every second ({@code CHECKPOINT SYNC}, on a connection of its own).
 *
 * <p>H2 writes each commit into the file as it commits ({@code WRITE_DELAY=0}, {@link JdbcUrls}), so a killed
 * process loses nothing; but it leaves it to the kernel to put those writes on the disk, which Linux does
 * some 30 s later. A power failure could take that much of what was reported committed. Forced every second,
 * it takes at most about a second. It also spreads the disk's work over a run: closing the store forces the
 * file once more, and then finds a second's writes to wait for instead of a whole backlog's (after 20 000
 * messages some 600 MB, 0.4 to 0.7 s at the end of a {@code run --once}; bench/README.md).
 */
final class H2FileSync implements AutoCloseable {

    static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(H2FileSync.class);

    /** Opens the connection the syncs run on; called again after a failure. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final Duration period;
    private final ScheduledExecutorService thread;
    private Connection connection;
    private boolean failing;

    private H2FileSync(ConnectionSource source, Duration period) {
        this.source = source;
        this.period = period;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread sync = new Thread(task, "replygate-store:sync");
            sync.setDaemon(true);
            return sync;
        });
    }

    /** Starts forcing the store of {@code source} to disk every {@code period}, the first time after one. */
    static H2FileSync start(ConnectionSource source, Duration period) {
        H2FileSync sync = new H2FileSync(source, period);
        sync.thread.scheduleWithFixedDelay(sync::syncOnce, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        return sync;
    }

    /** One failure in a row is logged, and the return to normal; the failures between are not. */
    private void syncOnce() {
        try {
            if (connection == null) {
                connection = source.open();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
            if (failing) {
                failing = false;
                log.info("the store file is forced onto the disk every {} ms again", period.toMillis());
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("could not force the store file onto the disk ({}); until it can, a power failure may"
                        + " lose up to the last 30 s of commits. Trying again every {} ms", e.getMessage(),
                        period.toMillis());
            }
            closeConnection();
        }
    }

    /** Stops; a sync going on ends first. The store's own close forces the file a last time. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // the thread has ended (or never will run again): its connection is this thread's to close now
        closeConnection();
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the sync connection failed", e);
        } finally {
            connection = null;
        }
    }
}
