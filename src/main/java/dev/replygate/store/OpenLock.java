package dev.replygate.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    private static final long RETRY_MILLIS = 25;

    /** The lock files this process holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OpenLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
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
        try {
            Files.createDirectories(file.getParent());
            Path held = realPath(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    HELD.add(held);
                    return new OpenLock(held, channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new StoreException("another replygate process kept " + file + " locked for " + WAIT
                            + "; is one stuck?");
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (IOException e) {
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + file, e);
        }
    }

    /** As H2 names the store's files (their real path), so that a link to the directory names the same lock. */
    private static Path realPath(Path file) throws IOException {
        return file.getParent().toRealPath().resolve(file.getFileName());
    }

    private static Path lockFile(Path database) {
        return database.resolveSibling(database.getFileName() + ".open.lock");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null; // another Store of this JVM holds it: wait for it like for another process
        }
    }

    @Override
    public void close() {
        HELD.remove(file);
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel or the process; nothing is left to undo
        }
    }
}
