package dev.replygate.testsupport;

import dev.replygate.cli.ReplygateJar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test classpath in a second JVM, as another process of replygate
 * (the CLI beside the daemon) would run, with a bounded wait. The JVM gets the service's options
 * ({@link ReplygateJar#JVM_OPTIONS}: its JIT, collector and heap), then the caller's, which win.
 */
public final class JavaProcess {

    private JavaProcess() {
    }

    /** The {@code java} launcher of the JDK running the tests, for every JVM they start. */
    public static String launcher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** What the process printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code mainClass} with {@code args} in {@code workDir} and waits at most
     * {@code timeout}; a process still running then is killed and the test fails.
     */
    public static Result run(Class<?> mainClass, Path workDir, Duration timeout, String... args) {
        return run(mainClass, List.of(), workDir, timeout, args);
    }

    /**
     * As {@link #run(Class, Path, Duration, String...)}, with options for the JVM after the service's
     * ({@code -Xmx64m}).
     */
    public static Result run(Class<?> mainClass, List<String> jvmOptions, Path workDir, Duration timeout,
                             String... args) {
        Path output = null;
        try {
            output = Files.createTempFile("replygate-java", ".out");
            Process process = start(mainClass, jvmOptions, workDir, output, args);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(mainClass.getName() + " still running after " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + mainClass.getName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + mainClass.getName(), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code workDir}, what it prints going to {@code output};
     * the caller waits for it or ends it ({@link Process#destroyForcibly()} is kill -9 on Linux).
     */
    public static Process start(Class<?> mainClass, List<String> jvmOptions, Path workDir, Path output,
                                String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher());
        command.add("@" + ReplygateJar.JVM_OPTIONS.toAbsolutePath());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }
}
