package dev.replygate.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A lock between processes around opening and closing one H2 file. H2's {@code AUTO_SERVER} lets the
 * first opener serve the file to the others, but processes that open or close it at the same moment
 * race (one fails with "Database may be already in use", or loses its server mid-transaction).
 * Holding this lock while opening, and a short-lived command for its whole life, takes turns instead.
 */
final class OpenLock implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final PrivateLockFile lock;

    private OpenLock(PrivateLockFile lock) {
        this.lock = lock;
    }

    /** Takes the lock of the H2 file at {@code url}; empty for databases that need none. */
    static Optional<OpenLock> acquire(String url) {
        return JdbcUrls.h2FilePath(url).map(OpenLock::acquire);
    }

    /** Whether a thread of this process holds the lock of {@code database} (an H2 file without extension). */
    static boolean isHeldInThisProcess(Path database) {
        return PrivateLockFile.isHeldHere(lockFile(database));
    }

    /**
     * Takes the lock of {@code database}, an H2 file without extension, waiting for another process, or another
     * store of this one, to let it go.
     */
    static OpenLock acquire(Path database) {
        Path file = lockFile(database);
        try {
            return new OpenLock(PrivateLockFile.await(file, WAIT).orElseThrow(() -> new StoreException(
                    "another replygate process kept " + file + " locked for " + WAIT + "; is one stuck?")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + file, e);
        }
    }

    private static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".open.lock");
    }

    @Override
    public void close() {
        lock.close();
    }
}
