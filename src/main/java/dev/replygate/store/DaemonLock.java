package dev.replygate.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One daemon per H2 file store, held for the daemon's life. On H2 the scheduler keeps its jobs in memory,
 * so a second daemon would not know the first's: it is refused, with where to go instead. Short-lived
 * commands ({@code run --once}, {@code notify}, {@code outbox}) do not take it and run beside the daemon.
 * The lock goes with the process, however it ends.
 */
public final class DaemonLock implements AutoCloseable {

    private final PrivateLockFile lock;

    private DaemonLock(PrivateLockFile lock) {
        this.lock = lock;
    }

    /**
     * Takes the lock of the H2 file store at {@code url}; empty for a store that needs none (PostgreSQL,
     * in-memory H2).
     *
     * @throws StoreException when another daemon holds it
     */
    public static Optional<DaemonLock> take(String url) {
        return JdbcUrls.h2FilePath(url).map(DaemonLock::take);
    }

    private static DaemonLock take(Path database) {
        Path file = database.resolveSibling(database.getFileName() + ".daemon.lock");
        return new DaemonLock(PrivateLockFile.tryLock(file).orElseThrow(() -> new StoreException(
                "another replygate daemon runs on the H2 store " + database + " (it holds " + file + "): an H2"
                + " store has one daemon. For several nodes use PostgreSQL (README, \"Several nodes\"); run --once,"
                + " notify and outbox may run beside the daemon")));
    }

    @Override
    public void close() {
        lock.close();
    }
}
