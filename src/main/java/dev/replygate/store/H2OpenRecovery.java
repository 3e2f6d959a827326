package dev.replygate.store;

import org.h2.api.DatabaseEventListener;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs {@link H2CrashRecovery} whenever a process is about to open an H2 file store itself, however it
 * came to open it: the daemon or a command starting, a command whose server (the daemon) was killed and
 * that H2 reconnects by opening the file ({@code AUTO_RECONNECT}), or a pool replacing a connection
 * after its server went away. Named in the URL by {@link JdbcUrls}.
 * <p>
 * H2 makes an instance and calls {@link #init} before it reads the file, and again, on the process that
 * serves an open file, for each process that connects to it (the URL's setting is run as a {@code SET}):
 * those find the file {@link #opened} here and have nothing to recover.
 * <p>
 * A process that connects through another's server also gets here first: H2 tries the file itself before
 * it finds the server. The file is recovered only by the process that takes its {@link H2FileOwnerLock},
 * held until the file is closed: a file another process has open is never rewritten under it.
 */
public final class H2OpenRecovery implements DatabaseEventListener {

    /** The H2 files (without extension) this process has open. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private Path database;

    @Override
    public void init(String url) {
        database = JdbcUrls.h2FilePath(url).orElse(null);
        if (database == null || OPEN.contains(database)) {
            return;
        }
        if (OpenLock.isHeldInThisProcess(database)) {
            recoverUnlessOpenElsewhere(database); // this process is opening it, under the lock
            return;
        }
        OpenLock lock = OpenLock.acquire(database);
        try {
            recoverUnlessOpenElsewhere(database);
        } finally {
            lock.close();
        }
    }

    private static void recoverUnlessOpenElsewhere(Path database) {
        if (H2FileOwnerLock.tryTake(database)) {
            H2CrashRecovery.recover(database);
        }
        // else another process has the file open (it recovered it): H2 goes on to connect through its server
    }

    @Override
    public void opened() {
        if (database != null) {
            OPEN.add(database);
            H2FileOwnerLock.tryTake(database); // held since init, unless its owner ended in between
        }
    }

    @Override
    public void closingDatabase() {
        if (database != null) {
            OPEN.remove(database);
            // the close H2 goes on with runs under the OpenLock (Store#close), which a recovery needs too
            H2FileOwnerLock.release(database);
        }
    }
}
