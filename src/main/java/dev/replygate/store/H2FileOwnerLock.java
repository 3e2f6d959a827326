package dev.replygate.store;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Held by the one process that has an H2 file open itself, from just before H2 reads the file until H2
 * closes it; the operating system drops it when the process ends, however it ends. H2 takes no lock on
 * its data file (only its {@code .lock.db} protocol, which it runs after {@link H2OpenRecovery}), so
 * without this a process could not tell a file another process is writing from a file a killed process
 * left: a CLI process that connects through the daemon's server first tries to open the file itself, and
 * its crash recovery rewrote the daemon's live file (its own chunk, header and length), and commits the
 * daemon had reported were gone at the next open (H2RepeatedKillIT).
 */
final class H2FileOwnerLock {

    /** The lock of each H2 file (without extension) this process holds. */
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private H2FileOwnerLock() {
    }

    /**
     * Takes the lock of {@code database}, an H2 file without extension, unless another process holds it.
     *
     * @return whether this process holds it now
     */
    static synchronized boolean tryTake(Path database) {
        if (HELD.containsKey(database)) {
            return true;
        }
        Optional<FileChannel> lock = PrivateLockFile.tryLock(database.resolveSibling(database.getFileName()
                + ".owner.lock"));
        lock.ifPresent(channel -> HELD.put(database, channel));
        return lock.isPresent();
    }

    /** Lets another process have {@code database} once this one has closed it. */
    static synchronized void release(Path database) {
        PrivateLockFile.closeQuietly(HELD.remove(database));
    }
}
