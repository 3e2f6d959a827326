package dev.replygate.cli;

import dev.replygate.testsupport.JavaProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shaded jar ({@code java -jar target/replygate.jar …}) as an admin or the portal would:
 * a separate JVM, stdout and stderr kept apart, every wait bounded. Failsafe sets the system
 * property {@code replygate.jar} after {@code package} has built it.
 */
public final class ReplygateJar {

    /** Bound on one CLI command (a JVM start, a store migration, a delivery); generous for busy CI machines. */
    public static final Duration COMMAND_LIMIT = Duration.ofSeconds(120);
    /** The java launcher's argument file of every replygate command (the systemd unit, the container, the bench). */
    public static final Path JVM_OPTIONS = Path.of("config/replygate.jvm-options");
    private static final Pattern QUEUED = Pattern.compile("outbox#(\\d+) <([^>]+)>");

    private ReplygateJar() {
    }

    /** How a command ended and what it printed where. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** For assertion messages: everything the process said. */
        public String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }

        /** The outbox id that {@code notify} printed ("queued outbox#7 <…>" or "already queued as outbox#7 <…>"). */
        public long outboxId() {
            return Long.parseLong(queuedMatch().group(1));
        }

        /** The Message-ID that {@code notify} printed, without angle brackets. */
        public String messageId() {
            return queuedMatch().group(2);
        }

        private Matcher queuedMatch() {
            Matcher matcher = QUEUED.matcher(stdout);
            assertThat(matcher.find()).as("notify printed an outbox id and a Message-ID:\n%s", describe()).isTrue();
            return matcher;
        }
    }

    public static Path jar() {
        String property = System.getProperty("replygate.jar");
        assertThat(property).as("system property replygate.jar (set by failsafe)").isNotBlank();
        Path jar = Path.of(property);
        assertThat(jar).as("the shaded jar; run `mvn package` first").isRegularFile();
        return jar;
    }

    /** Runs {@code java -jar replygate.jar args…} in {@code workDir}, at most {@link #COMMAND_LIMIT}. */
    public static Result run(Path workDir, String... args) {
        return run(workDir, List.of(), COMMAND_LIMIT, args);
    }

    /**
     * Runs the jar with extra JVM options; a process still running after {@code limit} is killed
     * and the test fails with what it printed.
     */
    public static Result run(Path workDir, List<String> jvmOptions, Duration limit, String... args) {
        return run(workDir, jvmOptions, Map.of(), limit, args);
    }

    /** Like {@link #run(Path, String...)}, with these environment variables set. */
    public static Result run(Path workDir, Map<String, String> environment, String... args) {
        return run(workDir, List.of(), environment, COMMAND_LIMIT, args);
    }

    private static Result run(Path workDir, List<String> jvmOptions, Map<String, String> environment, Duration limit,
                              String... args) {
        ProcessBuilder builder = builder(workDir, jvmOptions, args);
        builder.environment().putAll(environment);
        return finish(builder, "replygate " + String.join(" ", args), limit);
    }

    /**
     * Runs another program that starts replygate (the launcher {@code bin/replygate}, the archive's maker) in
     * {@code workDir} with these environment variables, stdin empty, at most {@code limit}. The variables the JVM
     * announces on stderr ("Picked up …") are removed, so that stderr holds only what the command said.
     */
    public static Result runProgram(Path workDir, List<String> command, Map<String, String> environment,
                                    Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        return finish(builder, String.join(" ", command), limit);
    }

    private static Result finish(ProcessBuilder builder, String what, Duration limit) {
        Path workDir = builder.directory().toPath();
        try {
            Path stdout = Files.createTempFile(workDir, "stdout-", ".txt");
            Path stderr = Files.createTempFile(workDir, "stderr-", ".txt");
            Process process = builder
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(what + " still running after "
                            + limit + "\n--- stdout ---\n" + read(stdout) + "\n--- stderr ---\n" + read(stderr));
                }
                return new Result(process.exitValue(), read(stdout), read(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts a long-running command (the daemon); {@link Daemon#close} kills it if a test left it running. */
    public static Daemon start(Path workDir, String... args) {
        return start(workDir, List.of(), args);
    }

    /** Like {@link #start(Path, String...)}, with extra JVM options. */
    public static Daemon start(Path workDir, List<String> jvmOptions, String... args) {
        try {
            Path stdout = Files.createTempFile(workDir, "daemon-stdout-", ".txt");
            Path stderr = Files.createTempFile(workDir, "daemon-stderr-", ".txt");
            Process process = builder(workDir, jvmOptions, args)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            return new Daemon(process, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder builder(Path workDir, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JavaProcess.launcher());
        // the JVM options the service runs with (C1 only: quick starts) and, as bin/replygate adds it, the
        // class-data archive; the test's own options come after them and win
        Path jar = jar().toAbsolutePath();
        command.add("@" + JVM_OPTIONS.toAbsolutePath());
        command.addAll(TestClassArchive.jvmOptions(jar));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        // a terminal that shows Persian, whatever the build machine's locale (Java 17 prints
        // with the locale's charset)
        environment.put("LANG", "C.UTF-8");
        environment.put("LC_ALL", "C.UTF-8");
        environment.remove("REPLYGATE_LOG_LEVEL");
        environment.remove("REPLYGATE_ROOT_LOG_LEVEL");
        // the shipped config reads its signing secret from here: a developer's own must not change a test
        environment.remove("REPLYGATE_SIGNING_KEY");
        return builder;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A replygate process started in the background: the daemon, or a command the test waits for later. */
    public static final class Daemon implements AutoCloseable {

        private final Process process;
        private final Path stdout;
        private final Path stderr;

        Daemon(Process process, Path stdout, Path stderr) {
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        public long pid() {
            return process.pid();
        }

        /** What the process printed on stdout so far. */
        public String stdout() {
            return read(stdout);
        }

        /** What the process printed on stderr (its log) so far. */
        public String stderr() {
            return read(stderr);
        }

        /** Kills the process with SIGKILL ({@link Process#destroyForcibly()}) and waits until it is gone. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("process " + process.pid() + " still there 60 s after SIGKILL");
            }
        }

        /** Sends signal {@code name} ({@code TERM}, {@code INT}, {@code HUP}…) with {@code kill}. */
        public void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(60, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        }

        /** Waits at most {@code limit} for the process to end by itself (a command); kills it and fails after. */
        public Result await(Duration limit) throws InterruptedException {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("still running after " + limit + "\n" + output());
            }
            return new Result(process.exitValue(), stdout(), stderr());
        }

        /** What the daemon printed so far, stdout then stderr (its log). */
        public String output() {
            return "--- stdout ---\n" + read(stdout) + "\n--- stderr ---\n" + read(stderr);
        }

        /**
         * Sends SIGTERM ({@link Process#destroy()}) and waits at most {@code limit} for the process
         * to end; fails if it does not.
         *
         * @return its exit code
         */
        public int terminate(Duration limit) throws InterruptedException {
            process.destroy();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the daemon did not stop within " + limit + " of SIGTERM\n" + output());
            }
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
