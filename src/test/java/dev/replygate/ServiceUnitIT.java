package dev.replygate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code config/replygate.service} is a unit systemd accepts, with the settings the README promises. */
class ServiceUnitIT {

    private static final Path UNIT = Path.of("config/replygate.service");
    private static final Path LAUNCHER = Path.of("bin/replygate");
    private static final String INSTALLED_LAUNCHER = "/usr/local/bin/replygate";

    /**
     * The unit as installed names the launcher at its installed path; systemd-analyze checks that the command
     * exists, so it verifies a copy that names this checkout's {@code bin/replygate} there instead.
     */
    @Test
    void systemdAcceptsTheUnit(@TempDir Path folder) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
        assertThat(unit).contains(INSTALLED_LAUNCHER);
        Path copy = folder.resolve("replygate.service");
        Files.writeString(copy, unit.replace(INSTALLED_LAUNCHER, LAUNCHER.toAbsolutePath().toString()),
                StandardCharsets.UTF_8);
        Process verify = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", copy.toString())
                .redirectErrorStream(true).start();
        assertThat(verify.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output).as("warnings of systemd-analyze").isBlank();
    }

    @Test
    void theUnitRunsAsItsOwnUserWithItsSecretsAsCredentialsAndHardened() throws IOException {
        List<String> lines = Files.readAllLines(UNIT, StandardCharsets.UTF_8);

        assertThat(lines).contains("User=replygate", "StateDirectory=replygate", "SuccessExitStatus=143",
                "RestartPreventExitStatus=78", "ProtectSystem=strict", "NoNewPrivileges=yes", "ProtectHome=yes",
                "PrivateTmp=yes", "CapabilityBoundingSet=", "UMask=0077");
        assertThat(lines).filteredOn(line -> line.startsWith("LoadCredential=")).isNotEmpty()
                .allMatch(line -> line.matches("LoadCredential=[a-z-]+:/etc/replygate/credentials/[a-z-]+"));
        assertThat(lines).filteredOn(line -> line.startsWith("Environment")).isEmpty();
    }
}
