package dev.replygate.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A lock file beside the store, for replygate's user alone, held with an operating-system lock until closed or
 * the process ends, however it ends.
 * <p>
 * A process loses its POSIX locks on a file when it closes <em>any</em> descriptor of that file, not only the
 * one it locked through. So no second descriptor of a lock file this process holds is ever opened: a lock held
 * here is refused here without opening the file, and the file is made private before it is locked, so that
 * {@link StoreDirectory#secure} never has to open it to change its permissions. (A lock file made open to others
 * and closed by {@code secure} while a command held it let the daemon start beside that command, on its server,
 * and fail when the command ended: SigkillSoakIT.)
 */
final class PrivateLockFile implements AutoCloseable {

    private static final long RETRY_MILLIS = 25;

    /** The lock files (their real paths) this process holds. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path held;
    private final FileChannel channel;

    private PrivateLockFile(Path held, FileChannel channel) {
        this.held = held;
        this.channel = channel;
    }

    /** Locks {@code file}; empty when another process, or this one, holds it. */
    static Optional<PrivateLockFile> tryLock(Path file) {
        Path held = realPath(file);
        if (!HELD_HERE.add(held)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            createPrivate(held);
            channel = FileChannel.open(held, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (tryLock(channel) == null) {
                channel.close(); // this process holds no other descriptor of it: no lock of ours goes with it
                HELD_HERE.remove(held);
                return Optional.empty();
            }
            return Optional.of(new PrivateLockFile(held, channel));
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD_HERE.remove(held);
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Locks {@code file}, waiting up to {@code wait} for whoever holds it to let it go; empty when they did not.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    static Optional<PrivateLockFile> await(Path file, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<PrivateLockFile> lock = tryLock(file);
            if (lock.isPresent() || System.nanoTime() - deadline > 0) {
                return lock;
            }
            Thread.sleep(RETRY_MILLIS);
        }
    }

    /** Whether this process holds {@code file}. */
    static boolean isHeldHere(Path file) {
        try {
            return HELD_HERE.contains(realPath(file));
        } catch (StoreException noDirectory) {
            return false;
        }
    }

    /** Lets the lock go. */
    @Override
    public void close() {
        closeQuietly(channel);
        HELD_HERE.remove(held);
    }

    /** As H2 names the store's files (their real path), so that a link to the directory names the same lock. */
    private static Path realPath(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return file.getParent().toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the channel or the process; nothing is left to undo
        }
    }

    /** Made private by its path, before it is locked: changing it through a descriptor would drop the lock. */
    private static void createPrivate(Path file) throws IOException {
        if (Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(StoreDirectory.OWNER_ONLY_FILE));
            }
            Files.setPosixFilePermissions(file, StoreDirectory.OWNER_ONLY_FILE);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null; // locked in this JVM other than through this class: none of replygate's code does
        }
    }
}
