package dev.replygate.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class StoreDirectoryTest {

    private static final String OPEN_FILE = "rw-r--r--";

    @TempDir
    Path folder;

    @Test
    void aMissingDirectoryIsCreatedForReplygatesUserAlone() throws Exception {
        Path database = folder.resolve("data").resolve("replygate");

        StoreDirectory.secure(database);

        assertThat(Files.getPosixFilePermissions(database.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void anOpenDirectoryOfTheStoreAloneAndItsFilesAreClosed() throws Exception {
        Path data = Files.createDirectory(folder.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path store = openFile(data.resolve("replygate.mv.db"));
        Path lock = openFile(data.resolve("replygate.lock.db"));

        StoreDirectory.secure(data.resolve("replygate"));

        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(lock)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aSharedDirectoryIsLeftOpenButTheStoresFilesAreClosedAndNoOtherFile() throws Exception {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path store = openFile(folder.resolve("replygate.mv.db"));
        Path other = openFile(folder.resolve("replygate-notes.txt"));

        StoreDirectory.secure(folder.resolve("replygate"));

        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(other)).isEqualTo(PosixFilePermissions.fromString(OPEN_FILE));
    }

    private static Path openFile(Path file) throws Exception {
        Files.writeString(file, "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(OPEN_FILE));
        return file;
    }
}
