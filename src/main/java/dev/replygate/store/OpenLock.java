package dev.replygate.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock between processes around opening and closing one H2 file. H2's {@code AUTO_SERVER} lets the
 * first opener serve the file to the others, but processes that open or close it at the same moment
 * race (one fails with "Database may be already in use", or loses its server mid-transaction).
 * Holding this lock while opening, and a short-lived command for its whole life, takes turns instead.
 */
final class OpenLock implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The lock files this process holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;

    private OpenLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Takes the lock of the H2 file at {@code url}; empty for databases that need none. */
    static Optional<OpenLock> acquire(String url) {
        return JdbcUrls.h2FilePath(url).map(OpenLock::acquire);
    }

    /** Whether a thread of this process holds the lock of {@code database} (an H2 file without extension). */
    static boolean isHeldInThisProcess(Path database) {
        try {
            return HELD.contains(realPath(lockFile(database)));
        } catch (IOException noDirectory) {
            return false;
        }
    }

    /** Takes the lock of {@code database}, an H2 file without extension. */
    static OpenLock acquire(Path database) {
        Path file = lockFile(database);
        FileChannel channel;
        try {
            channel = PrivateLockFile.lockWithin(file, WAIT).orElseThrow(() -> new StoreException(
                    "another replygate process kept " + file + " locked for " + WAIT + "; is one stuck?"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + file, e);
        }
        try {
            Path held = realPath(file);
            HELD.add(held);
            return new OpenLock(held, channel);
        } catch (IOException e) {
            PrivateLockFile.closeQuietly(channel);
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** As H2 names the store's files (their real path), so that a link to the directory names the same lock. */
    private static Path realPath(Path file) throws IOException {
        return file.getParent().toRealPath().resolve(file.getFileName());
    }

    private static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".open.lock");
    }

    @Override
    public void close() {
        HELD.remove(file);
        PrivateLockFile.closeQuietly(channel);
    }
}
