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

/**
 * A lock file beside the store, for replygate's user alone, held with an operating-system lock until its
 * channel is closed or the process ends, however it ends.
 */
final class PrivateLockFile {

    private static final long RETRY_MILLIS = 25;

    private PrivateLockFile() {
    }

    /** Locks {@code file}; empty when another process, or another channel of this one, holds it. */
    static Optional<FileChannel> tryLock(Path file) {
        try {
            return lockWithin(file, Duration.ZERO);
        } catch (InterruptedException e) {
            throw new AssertionError("a lock taken without waiting waits for nothing", e);
        }
    }

    /**
     * Locks {@code file}, trying again for {@code wait} while another process, or another channel of this one,
     * holds it; empty when it still does then. One channel throughout: closing another one of the file in
     * between would let go every lock this process holds on it, another channel's too.
     */
    static Optional<FileChannel> lockWithin(Path file, Duration wait) throws InterruptedException {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            createPrivate(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + wait.toNanos();
            while (tryLock(channel) == null) {
                if (System.nanoTime() - deadline >= 0) {
                    channel.close();
                    return Optional.empty();
                }
                Thread.sleep(RETRY_MILLIS);
            }
            return Optional.of(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Lets the lock go. */
    static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // the lock goes with the channel or the process; nothing is left to undo
        }
    }

    /**
     * Made private before it is locked: a process loses its POSIX locks on a file when it closes any
     * descriptor of it, and {@link StoreDirectory#secure} would open a file open to others to change it.
     */
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
            return null;
        }
    }
}
