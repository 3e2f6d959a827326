package dev.replygate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code replygate reload} finds the daemon and learns how its reload went: the daemon writes its PID
 * to the PID file, and after each SIGHUP the outcome to the file beside it ({@code replygate.pid.reload}):
 * a first line {@code PID SEQUENCE applied|refused}, then the outcome's lines.
 */
final class ReloadFiles {

    static final String DEFAULT_NAME = "replygate.pid";
    private static final String APPLIED = "applied";
    private static final String REFUSED = "refused";

    private final Path pidFile;
    private final Path outcomeFile;

    ReloadFiles(Path pidFile) {
        this.pidFile = pidFile;
        this.outcomeFile = pidFile.resolveSibling(pidFile.getFileName() + ".reload");
    }

    /**
     * The default PID file: {@code replygate.pid} in systemd's {@code RuntimeDirectory} (environment
     * variable {@code RUNTIME_DIRECTORY}), else in the working directory.
     */
    static Path defaultPidFile(Map<String, String> environment) {
        String runtime = environment.getOrDefault("RUNTIME_DIRECTORY", "");
        // systemd lists several directories separated by ':' when the unit names several
        String first = runtime.split(":", -1)[0];
        return first.isBlank() ? Path.of(DEFAULT_NAME) : Path.of(first, DEFAULT_NAME);
    }

    Path pidFile() {
        return pidFile;
    }

    /** The daemon with {@code pid} started: writes the PID file and forgets the outcomes of an earlier daemon. */
    void announce(long pid) throws IOException {
        Files.deleteIfExists(outcomeFile);
        replace(pidFile, List.of(Long.toString(pid)));
    }

    /** Records the outcome of the daemon's {@code sequence}-th reload. */
    void record(long pid, int sequence, ReloadOutcome outcome) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(pid + " " + sequence + " " + (outcome.applied() ? APPLIED : REFUSED));
        lines.addAll(outcome.lines());
        replace(outcomeFile, lines);
    }

    /** The daemon with {@code pid} stopped: removes its files, unless another daemon wrote the PID file since. */
    void remove(long pid) throws IOException {
        if (readPid().equals(Optional.of(pid))) {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(outcomeFile);
        }
    }

    /** The PID in the PID file; empty when there is no PID file. */
    Optional<Long> readPid() throws IOException {
        try {
            String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return Optional.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException e) {
            throw new UserFacingException("the PID file " + pidFile + " holds no PID; remove it and restart replygate");
        }
    }

    /** The last reload outcome that a daemon recorded, if any. */
    Optional<Recorded> lastOutcome() {
        List<String> lines;
        try {
            lines = Files.readAllLines(outcomeFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] head = lines.isEmpty() ? new String[0] : lines.get(0).split(" ");
        if (head.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Recorded(Long.parseLong(head[0]), Integer.parseInt(head[1]),
                    new ReloadOutcome(APPLIED.equals(head[2]), lines.subList(1, lines.size()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The outcome of the {@code sequence}-th reload of the daemon {@code pid}. */
    record Recorded(long pid, int sequence, ReloadOutcome outcome) {
    }

    /** Readers see the old content or the new one, never a part. */
    private static void replace(Path file, List<String> lines) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, lines, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
