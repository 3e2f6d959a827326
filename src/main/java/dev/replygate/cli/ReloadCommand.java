package dev.replygate.cli;

import dev.replygate.config.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "reload", mixinStandardHelpOptions = true,
        description = {"Asks the running daemon to re-read its configuration file (sends it SIGHUP) and prints "
                + "how that went. A valid configuration applies once the running stages finished: mailboxes "
                + "added, removed or changed, templates, limits, digests, the API's tokens. An invalid one is "
                + "refused with check-config's messages and the daemon keeps running the old one; so is one "
                + "that changes the store or http's enabled, bind-address or port (restart for those).",
                "Under systemd: systemctl reload replygate (the outcome is in the journal)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the new configuration runs",
            "1:no daemon found (the PID file's process is gone, or is not the daemon that wrote it), or it did "
                    + "not answer in time",
            "78:the configuration was refused; the daemon runs the old one"
        })
final class ReloadCommand implements Callable<Integer> {

    private static final Duration CHECK_EVERY = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Option(names = "--pid-file", paramLabel = "FILE",
            description = "The daemon's PID file, as given to `run --pid-file` (default: replygate.pid in "
                    + "$RUNTIME_DIRECTORY under systemd, else in the working directory).")
    Path pidFile;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How long to wait for the daemon's answer; it answers once its running stages "
                    + "finished (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ReloadFiles files = new ReloadFiles(pidFile != null ? pidFile : ReloadFiles.defaultPidFile(System.getenv()));
        ReloadFiles.Announced announced = files.read().orElseThrow(() -> new UserFacingException("no PID file at "
                + files.pidFile()
                + ": is replygate running? Give its --pid-file, or under systemd run `systemctl reload replygate`"));
        long pid = announced.pid();
        ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElseThrow(() ->
                new UserFacingException("no process " + pid + " (from " + files.pidFile()
                        + "): replygate is not running; start it instead"));
        StalePidFile.refuseUnlessTheDaemon(files.pidFile(), process, announced);
        int before = files.lastOutcome().filter(recorded -> recorded.pid() == pid)
                .map(ReloadFiles.Recorded::sequence).orElse(0);
        sendHangup(pid);
        Optional<ReloadOutcome> outcome = awaitOutcome(files, pid, before);
        if (outcome.isEmpty()) {
            throw new UserFacingException("replygate (PID " + pid + ") got SIGHUP but recorded no outcome within "
                    + Durations.format(wait) + "; its log says why");
        }
        if (outcome.get().applied()) {
            PrintWriter out = spec.commandLine().getOut();
            outcome.get().lines().forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("reload refused; replygate keeps running its previous configuration:");
        outcome.get().lines().forEach(err::println);
        err.flush();
        return ExitCodes.CONFIG;
    }

    private static void sendHangup(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new UserFacingException("cannot send SIGHUP to process " + pid
                    + " (kill exited " + kill.exitValue() + "); run reload as replygate's user or root");
        }
    }

    private Optional<ReloadOutcome> awaitOutcome(ReloadFiles files, long pid, int before) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            Optional<ReloadFiles.Recorded> recorded = files.lastOutcome()
                    .filter(last -> last.pid() == pid && last.sequence() > before);
            if (recorded.isPresent()) {
                return recorded.map(ReloadFiles.Recorded::outcome);
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        } while (System.nanoTime() - deadline < 0);
        return Optional.empty();
    }
}
