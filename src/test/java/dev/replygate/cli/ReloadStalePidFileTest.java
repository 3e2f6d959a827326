package dev.replygate.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code replygate reload} with a PID file whose daemon died without removing it (SIGKILL, a power loss
 * outside systemd), its number now another program's: that program must not get SIGHUP, which ends most.
 */
class ReloadStalePidFileTest {

    @TempDir
    Path folder;

    private Process unrelated;
    private Path pidFile;

    @BeforeEach
    void startAnUnrelatedProcess() throws Exception {
        unrelated = new ProcessBuilder("sleep", "60").start();
        pidFile = folder.resolve("replygate.pid");
    }

    @AfterEach
    void stopIt() throws Exception {
        unrelated.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aPidFileOfAnOlderVersionNamingAnotherProgramIsRefused() throws Exception {
        Files.writeString(pidFile, unrelated.pid() + "\n");

        InProcessCli.Run run = reload();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("PID " + unrelated.pid() + " in " + pidFile + " is not a replygate daemon",
                "sleep", "the file is stale: remove it");
        assertStillRunning();
    }

    @Test
    void aPidFileWhoseDaemonStartedAtAnotherTimeIsRefused() throws Exception {
        ProcessStart itsStart = ProcessStart.of(unrelated.toHandle());
        Files.writeString(pidFile, unrelated.pid() + "\nstarted " + itsStart.instant().minus(Duration.ofHours(1))
                + "\n");

        InProcessCli.Run run = reload();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("PID " + unrelated.pid() + " in " + pidFile
                + " is not the replygate daemon that wrote it (it started at " + itsStart.instant(),
                "the file is stale: remove it");
        assertStillRunning();
    }

    @Test
    void aPidFileWhoseDaemonStartedAtAnotherTickIsRefused() throws Exception {
        ProcessStart itsStart = ProcessStart.of(unrelated.toHandle());
        Files.writeString(pidFile, unrelated.pid() + "\nstarted " + itsStart.instant()
                + "\nstart-ticks " + (itsStart.ticks() == null ? 1 : itsStart.ticks() + 1) + "\n");

        InProcessCli.Run run = reload();

        if (itsStart.ticks() != null) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
            assertThat(run.err()).contains("PID " + unrelated.pid() + " in " + pidFile
                    + " is not the replygate daemon that wrote it", "the file is stale: remove it");
        }
        assertStillRunning();
    }

    @Test
    void aDeadPidIsToldAsBefore() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(pidFile, finished.pid() + "\n");

        InProcessCli.Run run = reload();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("no process " + finished.pid() + " (from " + pidFile
                + "): replygate is not running; start it instead");
    }

    @Test
    void theDaemonThatWroteThePidFileIsTheOneWhoseStartItTells() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        ProcessStart start = ProcessStart.of(self);
        ReloadFiles files = new ReloadFiles(pidFile);
        files.announce(self.pid(), start);
        assertThatCode(() -> StalePidFile.refuseUnlessTheDaemon(pidFile, self, files.read().orElseThrow()))
                .doesNotThrowAnyException();

        if (start.ticks() != null) {
            // the clock set since the daemon started moves the instant a JVM derives, not the kernel's ticks
            ProcessStart clockSetSince = new ProcessStart(start.instant().plus(Duration.ofMinutes(5)), start.ticks());
            assertThatCode(() -> StalePidFile.refuseUnlessTheDaemon(pidFile, self,
                    new ReloadFiles.Announced(self.pid(), clockSetSince))).doesNotThrowAnyException();
        }
        // this JVM runs the tests, not replygate's run
        assertThatThrownBy(() -> StalePidFile.refuseUnlessTheDaemon(pidFile, self,
                new ReloadFiles.Announced(self.pid(), null))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("is not a replygate daemon");
    }

    @Test
    void aCommandLineRunsTheDaemonWhenItRunsReplygatesJarOrMainClassWithRun() {
        assertThat(StalePidFile.runsTheDaemon(List.of("@/etc/replygate/replygate.jvm-options",
                "-XX:SharedArchiveFile=/opt/replygate/replygate.jsa", "-jar", "/opt/replygate/replygate.jar",
                "run", "--config", "/etc/replygate/replygate.yaml"))).isTrue();
        assertThat(StalePidFile.runsTheDaemon(List.of("-jar", "replygate-1.4.jar", "--log-format", "json", "run")))
                .isTrue();
        assertThat(StalePidFile.runsTheDaemon(List.of("-jar", "replygate.jar", "--log-format=json", "run")))
                .isTrue();
        assertThat(StalePidFile.runsTheDaemon(List.of("-cp", "lib/*", "dev.replygate.cli.Main", "run"))).isTrue();

        assertThat(StalePidFile.runsTheDaemon(List.of("-jar", "/opt/replygate/replygate.jar", "reload"))).isFalse();
        assertThat(StalePidFile.runsTheDaemon(List.of("-jar", "/opt/replygate/replygate.jar"))).isFalse();
        assertThat(StalePidFile.runsTheDaemon(List.of("-jar", "/opt/other/other.jar", "run"))).isFalse();
        assertThat(StalePidFile.runsTheDaemon(List.of("60"))).isFalse();
        assertThat(StalePidFile.runsTheDaemon(List.of())).isFalse();
    }

    private InProcessCli.Run reload() {
        return InProcessCli.run("reload", "--pid-file", pidFile.toString(), "--wait", "3s");
    }

    private void assertStillRunning() throws InterruptedException {
        assertThat(unrelated.waitFor(1, TimeUnit.SECONDS)).as("sleep ended: it got SIGHUP").isFalse();
        assertThat(unrelated.isAlive()).isTrue();
    }
}
