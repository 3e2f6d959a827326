package dev.replygate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How {@code replygate reload} finds the daemon and learns how its reload went: the daemon writes its PID
 * to the PID file, and after each SIGHUP the outcome to the file beside it ({@code replygate.pid.reload}):
 * a first line {@code PID SEQUENCE applied|refused}, then the outcome's lines.
 *
 * <p>The PID file's first line is the PID alone, as other tools read it; the lines after it tell when that
 * process started, each where the system tells it, so that {@code reload} can tell the daemon from a
 * process that got its number after it died:
 * <pre>
 * 4242
 * started 2025-03-01T09:30:12.340Z
 * start-ticks 1234567
 * </pre>
 * A file of older versions holds the first line alone.
 */
final class ReloadFiles {

    static final String DEFAULT_NAME = "replygate.pid";
    private static final String APPLIED = "applied";
    private static final String REFUSED = "refused";
    private static final String STARTED = "started ";
    private static final String START_TICKS = "start-ticks ";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

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

    /**
     * The daemon with {@code pid} started at {@code start}: writes the PID file and forgets the outcomes of an
     * earlier daemon.
     */
    void announce(long pid, ProcessStart start) throws IOException {
        Files.deleteIfExists(outcomeFile);
        List<String> lines = new ArrayList<>();
        lines.add(Long.toString(pid));
        if (start.instant() != null) {
            lines.add(STARTED + start.instant());
        }
        if (start.ticks() != null) {
            lines.add(START_TICKS + start.ticks());
        }
        replace(pidFile, lines);
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
        return read().map(Announced::pid);
    }

    /** What the PID file says; empty when there is no PID file. */
    Optional<Announced> read() throws IOException {
        String text;
        try {
            text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !NUMBER.matcher(lines.get(0)).matches() || Long.parseLong(lines.get(0)) == 0) {
            throw new UserFacingException("the PID file " + pidFile + " holds no PID; remove it and restart replygate");
        }
        long pid = Long.parseLong(lines.get(0));
        if (lines.size() == 1) {
            return Optional.of(new Announced(pid, null));
        }
        Instant instant = null;
        Long ticks = null;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(STARTED) && instant == null) {
                instant = parseInstant(line.substring(STARTED.length()));
            } else if (line.startsWith(START_TICKS) && ticks == null
                    && NUMBER.matcher(line.substring(START_TICKS.length())).matches()) {
                ticks = Long.parseLong(line.substring(START_TICKS.length()));
            } else {
                throw notWritten(line);
            }
        }
        return Optional.of(new Announced(pid, new ProcessStart(instant, ticks)));
    }

    private Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw notWritten(STARTED + text);
        }
    }

    private UserFacingException notWritten(String line) {
        return new UserFacingException("the PID file " + pidFile + " holds a line replygate does not write ("
                + line + "); remove it and restart replygate");
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

    /**
     * What the PID file says: the daemon's PID and when it started; {@code start} is null in a file of an older
     * version.
     */
    record Announced(long pid, ProcessStart start) {
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
