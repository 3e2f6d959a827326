package dev.replygate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion with a bounded wait, and fails with its output when it fails. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    /**
     * Runs {@code command} in {@code workDir} with a clean environment (no PG* or locale
     * variables that could redirect or break the PostgreSQL tools).
     *
     * @return what it printed (stdout and stderr together)
     * @throws IllegalStateException when it exits non-zero or outlives {@code timeout}
     */
    static String run(List<String> command, Path workDir, Duration timeout) {
        JavaProcess.Result result = finish(command, workDir, timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("exit code " + result.exitCode() + ": " + String.join(" ", command)
                    + "\n" + result.output());
        }
        return result.output();
    }

    /**
     * As {@link #run}, for a command expected to fail too: its exit code and what it printed.
     *
     * @throws IllegalStateException when it outlives {@code timeout}
     */
    static JavaProcess.Result finish(List<String> command, Path workDir, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("replygate-cmd", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("LC_") || name.equals("LANG"));
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (!finished) {
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command)
                        + "\n" + printed);
            }
            return new JavaProcess.Result(process.exitValue(), printed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
