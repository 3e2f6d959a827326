package dev.replygate.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Held by the one process that has an H2 file open itself, from just before H2 opens its data file until H2
 * has closed it ({@link H2StoreFilePath}); the operating system drops it when the process ends, however it
 * ends. H2 takes no lock of its own that keeps a second process from its data file, so without this a process
 * could not tell a file another process is writing from a file a killed process left: a CLI process connecting
 * through the daemon's server rewrote the daemon's live file with its crash recovery, and one that H2 let take
 * a killed daemon's lock file over opened the file with H2's own recovery, which drops commits
 * ({@link H2CrashRecovery}). Either way commits the daemon had reported were gone (H2RepeatedKillIT).
 */
final class H2FileOwnerLock {

    /** How long a process that is ending (killed, its server already gone) may still hold it. */
    private static final Duration ENDING_OWNER = Duration.ofSeconds(5);

    /** The lock of each H2 file (without extension) this process holds, with the channels it is held for. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private H2FileOwnerLock() {
    }

    /**
     * Takes the lock of {@code database}, an H2 file without extension, once more for one channel to it. When
     * this process takes it now (no channel of it has the file open: the file is as the last process that had
     * it open left it), {@code whenTaken} runs first, before any other channel of this process can be opened.
     *
     * @throws IOException when another process holds it and does not let it go
     */
    static synchronized void take(Path database, Consumer<Path> whenTaken) throws IOException {
        Held held = HELD.get(database);
        if (held != null) {
            held.channels++;
            return;
        }
        PrivateLockFile lock = waitFor(database);
        boolean taken = false;
        try {
            whenTaken.accept(database);
            HELD.put(database, new Held(lock));
            taken = true;
        } finally {
            if (!taken) {
                lock.close();
            }
        }
    }

    /** Whether this process has {@code database} (an H2 file without extension) open: H2 holds its data file. */
    static synchronized boolean isHeldHere(Path database) {
        return HELD.containsKey(database);
    }

    private static PrivateLockFile waitFor(Path database) throws IOException {
        Path file = database.resolveSibling(database.getFileName() + ".owner.lock");
        try {
            return PrivateLockFile.await(file, ENDING_OWNER).orElseThrow(() -> new IOException("another process has"
                    + " the H2 store " + database + " open (it holds " + file + "): it is not opened here"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + file, e);
        }
    }

    /** Lets another process have {@code database} once this one has closed every channel to it. */
    static synchronized void release(Path database) {
        Held held = HELD.get(database);
        if (held != null && --held.channels == 0) {
            HELD.remove(database);
            held.lock.close();
        }
    }

    private static final class Held {

        final PrivateLockFile lock;
        int channels = 1;

        Held(PrivateLockFile lock) {
            this.lock = lock;
        }
    }
}
