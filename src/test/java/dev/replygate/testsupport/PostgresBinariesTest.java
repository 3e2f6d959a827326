package dev.replygate.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresBinariesTest {

    @TempDir
    Path root;

    @Test
    void picksTheNewestCompleteVersion() throws IOException {
        install("9.6");
        install("13");
        install("15");
        Files.createDirectories(root.resolve("16/bin")); // an empty leftover: no programs

        assertThat(PostgresBinaries.newestUnder(root))
                .contains(new PostgresBinaries(root.resolve("15/bin")));
    }

    @Test
    void comparesVersionsAsNumbers() throws IOException {
        install("9.6");
        install("10");

        assertThat(PostgresBinaries.newestUnder(root))
                .contains(new PostgresBinaries(root.resolve("10/bin")));
    }

    @Test
    void findsNothingWithoutAnInstallation() {
        assertThat(PostgresBinaries.newestUnder(root)).isEmpty();
        assertThat(PostgresBinaries.newestUnder(root.resolve("absent"))).isEmpty();
    }

    private void install(String version) throws IOException {
        Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
        for (String program : new String[] {"initdb", "pg_ctl"}) {
            Path file = Files.createFile(bin.resolve(program));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
