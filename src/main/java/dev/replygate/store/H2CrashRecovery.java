package dev.replygate.store;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Brings an H2 file back to its last commit before H2 opens it, after a process was killed with it open.
 * <p>
 * H2 2.x (2.3.232 and 2.5.252 alike) writes one chunk a commit; a chunk that is not where the one before
 * predicted (space freed by old chunks is reused: always, once a store runs a minute or was killed before)
 * makes it rewrite the file header, but it writes the header before it counts the new chunk as the last
 * ({@code FileStore.storeBuffer}), so the header names the chunk before it. The quick recovery of an
 * unclean file follows the header's chain of predictions and stops there: the commits of that chunk and
 * of the up to 20 after it, all reported done, are dropped at the next open (issue 7). MVStore's recovery
 * mode scans the whole file for the newest complete set of chunks instead, and closing it cleanly leaves a
 * header that names that set. H2's SQL engine has no setting for it, so replygate runs it first.
 * <p>
 * It reads the file without H2's file key: a store H2 encrypts ({@code CIPHER}) is refused before it is opened
 * ({@link dev.replygate.config.H2Url}).
 */
final class H2CrashRecovery {

    private static final Logger log = LoggerFactory.getLogger(H2CrashRecovery.class);

    private H2CrashRecovery() {
    }

    /**
     * Recovers the H2 store {@code database} (its path without extension) to its newest complete commit.
     * Call holding the {@link OpenLock} and the {@link H2FileOwnerLock}: this writes the file, and H2 has no
     * lock of its own on it that would keep this from a file another process is writing.
     */
    static void recover(Path database) {
        Path file = StoreDirectory.dataFile(database);
        if (!Files.isRegularFile(file)) {
            return;
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).recoveryMode().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
                // H2's own open reports what is wrong with the file, in its words
                log.warn("could not check the H2 store {} for an unclean shutdown: {}", file, e.getMessage());
            }
            return;
        }
        store.close();
    }
}
