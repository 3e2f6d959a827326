package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A process loses its POSIX locks on a file when it closes any descriptor of it: nothing replygate does while it
 * holds a lock may open that file again. A command whose open lock was dropped so let the daemon start on the
 * command's server, and fail when the command ended (SigkillSoakIT, round 0).
 */
class LockFilesKeptTest {

    private static final String OPEN_TO_OTHERS = "rw-r--r--";

    @TempDir
    Path folder;

    @Test
    void aCommandHoldsItsOpenLockUntilItCloses() {
        Path openLock = folder.resolve("replygate.open.lock");

        try (Store command = Store.openForCommand(StoreConfigs.h2In(folder))) {
            assertThat(ProcessLocks.holds(openLock)).as("the open lock, with the store open").isTrue();
            assertThat(command.dataSource()).isNotNull();
        }

        assertThat(ProcessLocks.holds(openLock)).as("the open lock, once the store is closed").isFalse();
    }

    @Test
    void aLockFileLeftOpenToOthersByAnOlderVersionIsMadePrivateBeforeItIsLockedAndStaysLocked() throws Exception {
        Path database = folder.resolve("replygate");
        Path openLock = openToOthers(folder.resolve("replygate.open.lock"));

        try (OpenLock lock = OpenLock.acquire(database)) {
            assertThat(Files.getPosixFilePermissions(openLock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            StoreDirectory.secure(database);
            assertThat(ProcessLocks.holds(openLock)).isTrue();
        }
    }

    @Test
    void aLockThisProcessHoldsIsRefusedHereWithoutLettingItGo() {
        Path file = folder.resolve("replygate.daemon.lock");

        try (PrivateLockFile first = PrivateLockFile.tryLock(file).orElseThrow()) {
            Optional<PrivateLockFile> second = PrivateLockFile.tryLock(file);

            assertThat(second).isEmpty();
            assertThat(ProcessLocks.holds(file)).isTrue();
            assertThat(PrivateLockFile.isHeldHere(file)).isTrue();
        }

        assertThat(PrivateLockFile.isHeldHere(file)).isFalse();
        try (PrivateLockFile again = PrivateLockFile.tryLock(file).orElseThrow()) {
            assertThat(ProcessLocks.holds(file)).isTrue();
        }
    }

    @Test
    void aNewStoresDataFileIsPrivateBeforeH2LocksIt() throws Exception {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            Path dataFile = folder.resolve("replygate.mv.db");

            assertThat(Files.getPosixFilePermissions(dataFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(ProcessLocks.holds(dataFile)).as("H2's lock on its data file").isTrue();
            assertThat(store.dataSource()).isNotNull();
        }
    }

    @Test
    void theDataFileOfAnOpenStoreKeepsH2sLockWhenMadePrivateAgainWhateverTheDirectory() throws Exception {
        Path data = Files.createDirectory(folder.resolve("data"));
        try (Store store = Store.open(StoreConfigs.h2In(data))) {
            Path dataFile = openToOthers(data.resolve("replygate.mv.db"), false); // an admin's chmod
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---")); // shared with a group

            StoreDirectory.secure(data.resolve("replygate"));

            assertThat(Files.getPosixFilePermissions(dataFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(ProcessLocks.holds(dataFile)).as("H2's lock on its data file").isTrue();
            assertThat(store.dataSource()).isNotNull();
        }
    }

    @Test
    void aLinkInPlaceOfALockFileIsRefusedAndNotFollowed() throws Exception {
        Path victim = openToOthers(folder.resolve("notes.txt"));
        Path lockFile = Files.createSymbolicLink(folder.resolve("replygate.daemon.lock"), victim);

        assertThatThrownBy(() -> PrivateLockFile.tryLock(lockFile))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot lock " + lockFile);

        assertThat(Files.getPosixFilePermissions(victim)).isEqualTo(PosixFilePermissions.fromString(OPEN_TO_OTHERS));
        assertThat(PrivateLockFile.isHeldHere(lockFile)).isFalse();
        Files.delete(lockFile);
        try (PrivateLockFile lock = PrivateLockFile.tryLock(lockFile).orElseThrow()) {
            assertThat(Files.isSymbolicLink(lockFile)).isFalse();
        }
    }

    private static Path openToOthers(Path file) throws Exception {
        return openToOthers(file, true);
    }

    private static Path openToOthers(Path file, boolean create) throws Exception {
        if (create) {
            Files.writeString(file, "");
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(OPEN_TO_OTHERS));
        return file;
    }
}
