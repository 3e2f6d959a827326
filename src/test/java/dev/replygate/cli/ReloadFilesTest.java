package dev.replygate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReloadFilesTest {

    private static final ProcessStart STARTED = new ProcessStart(Instant.parse("2025-03-01T09:30:12.340Z"), 1234567L);

    @TempDir
    Path folder;

    @Test
    void thePidFileIsInSystemdsRuntimeDirectoryElseInTheWorkingDirectory() {
        assertThat(ReloadFiles.defaultPidFile(Map.of("RUNTIME_DIRECTORY", "/run/replygate")))
                .isEqualTo(Path.of("/run/replygate/replygate.pid"));
        assertThat(ReloadFiles.defaultPidFile(Map.of("RUNTIME_DIRECTORY", "/run/replygate:/run/other")))
                .isEqualTo(Path.of("/run/replygate/replygate.pid"));
        assertThat(ReloadFiles.defaultPidFile(Map.of())).isEqualTo(Path.of("replygate.pid"));
    }

    @Test
    void theOutcomeOfEachReloadIsReadBackWithItsDaemonAndSequence() throws Exception {
        ReloadFiles files = new ReloadFiles(folder.resolve("replygate.pid"));
        files.announce(4242, STARTED);
        assertThat(files.readPid()).contains(4242L);
        assertThat(files.lastOutcome()).isEmpty();

        files.record(4242, 1, ReloadOutcome.refused(List.of("replygate.yaml:3:1: retension: unknown key")));
        ReloadFiles.Recorded refused = files.lastOutcome().orElseThrow();
        assertThat(refused.pid()).isEqualTo(4242);
        assertThat(refused.sequence()).isEqualTo(1);
        assertThat(refused.outcome()).isEqualTo(ReloadOutcome.refused(List.of("replygate.yaml:3:1: retension: unknown key")));

        files.record(4242, 2, ReloadOutcome.applied(Path.of("replygate.yaml")));
        assertThat(files.lastOutcome().orElseThrow().outcome().applied()).isTrue();

        // a restarted daemon starts without the outcomes of the one before
        files.announce(4343, STARTED);
        assertThat(files.lastOutcome()).isEmpty();
    }

    @Test
    void aDaemonRemovesOnlyItsOwnPidFile() throws Exception {
        ReloadFiles files = new ReloadFiles(folder.resolve("replygate.pid"));
        files.announce(4242, STARTED);
        files.remove(1);
        assertThat(files.readPid()).as("another daemon's file stays").contains(4242L);
        files.remove(4242);
        assertThat(files.readPid()).isEmpty();
    }

    @Test
    void aBrokenPidFileIsNamedAndABrokenOutcomeIsNoOutcome() throws Exception {
        Path pidFile = folder.resolve("replygate.pid");
        Files.writeString(pidFile, "1234; rm -rf /\n");
        ReloadFiles files = new ReloadFiles(pidFile);
        assertThatThrownBy(files::readPid).isInstanceOf(UserFacingException.class)
                .hasMessageContaining(pidFile.toString()).hasMessageContaining("holds no PID");
        Files.writeString(folder.resolve("replygate.pid.reload"), "applied\n");
        assertThat(files.lastOutcome()).isEmpty();
        Files.writeString(folder.resolve("replygate.pid.reload"), "x 1 applied\n");
        assertThat(files.lastOutcome()).isEmpty();
    }

    @Test
    void thePidFileTellsWhenTheDaemonStartedAfterItsPid() throws Exception {
        Path pidFile = folder.resolve("replygate.pid");
        ReloadFiles files = new ReloadFiles(pidFile);
        files.announce(4242, STARTED);
        assertThat(Files.readAllLines(pidFile))
                .containsExactly("4242", "started 2025-03-01T09:30:12.340Z", "start-ticks 1234567");
        assertThat(files.read()).contains(new ReloadFiles.Announced(4242, STARTED));

        files.announce(4242, new ProcessStart(null, null));
        assertThat(Files.readAllLines(pidFile)).as("a start the system does not tell").containsExactly("4242");
    }

    @Test
    void aPidFileOfAnOlderVersionHasNoStart() throws Exception {
        Path pidFile = folder.resolve("replygate.pid");
        Files.writeString(pidFile, "4242\n");
        ReloadFiles files = new ReloadFiles(pidFile);
        assertThat(files.read()).contains(new ReloadFiles.Announced(4242, null));
        assertThat(files.readPid()).contains(4242L);
    }

    @Test
    void aLineAfterThePidThatReplygateDoesNotWriteIsNamed() throws Exception {
        Path pidFile = folder.resolve("replygate.pid");
        ReloadFiles files = new ReloadFiles(pidFile);
        for (String broken : List.of("4242\nstarted yesterday\n",
                "4242\nstarted 2025-03-01T09:30:12Z\nstarted 2025-03-01T09:30:12Z\n", "4242\nstart-ticks -5\n",
                "4242\nstart-ticks 12 \nstarted 2025-03-01T09:30:12Z\n", "4242\n\nstart-ticks 12\n",
                "4242\nuser root\n")) {
            Files.writeString(pidFile, broken);
            assertThatThrownBy(files::read).as(broken).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining(pidFile.toString()).hasMessageContaining("a line replygate does not write");
        }
        for (String noPid : List.of("", "0\n", "-4242\n", "+4242\n", "started 2025-03-01T09:30:12Z\n")) {
            Files.writeString(pidFile, noPid);
            assertThatThrownBy(files::read).as(noPid).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("holds no PID");
        }
    }
}
