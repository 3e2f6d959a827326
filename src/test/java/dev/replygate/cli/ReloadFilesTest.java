package dev.replygate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReloadFilesTest {

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
        files.announce(4242);
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
        files.announce(4343);
        assertThat(files.lastOutcome()).isEmpty();
    }

    @Test
    void aDaemonRemovesOnlyItsOwnPidFile() throws Exception {
        ReloadFiles files = new ReloadFiles(folder.resolve("replygate.pid"));
        files.announce(4242);
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
}
