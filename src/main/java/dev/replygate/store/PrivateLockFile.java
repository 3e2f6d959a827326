package dev.replygate.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
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
        Path held = realPath(file, true);
        if (!HELD_HERE.add(held)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        boolean locked = false;
        try {
            channel = openPrivate(held);
            if (tryLock(channel) == null) {
                return Optional.empty(); // closing it below: this process holds no lock on the file to lose
            }
            locked = true;
            return Optional.of(new PrivateLockFile(held, channel));
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            if (!locked) {
                closeQuietly(channel);
                HELD_HERE.remove(held);
            }
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
        if (!Files.isDirectory(file.getParent())) {
            return false;
        }
        try {
            return HELD_HERE.contains(realPath(file, false));
        } catch (StoreException gone) {
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
    private static Path realPath(Path file, boolean createDirectory) {
        try {
            if (createDirectory) {
                Files.createDirectories(file.getParent());
            }
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

    /**
     * Opens {@code file}, made for replygate's user alone when it is new (several processes may make it at once);
     * a file made open to others by an older version is closed by its path, before it is locked: changing it
     * through a descriptor would drop the lock. A link in its place is refused, never followed.
     */
    private static FileChannel openPrivate(Path file) throws IOException {
        if (!Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = FileChannel.open(file, options,
                PosixFilePermissions.asFileAttribute(StoreDirectory.OWNER_ONLY_FILE));
        try {
            if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(StoreDirectory.OWNER_ONLY_FILE)) {
                Files.setPosixFilePermissions(file, StoreDirectory.OWNER_ONLY_FILE);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
        return channel;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            return null; // locked in this JVM other than through this class: none of replygate's code does
        }
    }
}
