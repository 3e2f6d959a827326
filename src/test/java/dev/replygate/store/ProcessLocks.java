package dev.replygate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The POSIX locks the operating system says this process holds (Linux's {@code /proc/locks}): what another
 * process would be refused, whatever Java's own lock table believes.
 */
final class ProcessLocks {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private ProcessLocks() {
    }

    /** Whether this process holds a POSIX lock on {@code file}; skips the test where the system does not say. */
    static boolean holds(Path file) {
        assumeTrue(Files.isReadable(PROC_LOCKS), "/proc/locks is not there: the system does not list its locks");
        try {
            String inode = ":" + Files.getAttribute(file, "unix:ino") + " ";
            String pid = " " + ProcessHandle.current().pid() + " ";
            return Files.readAllLines(PROC_LOCKS).stream()
                    .anyMatch(line -> line.contains(" POSIX ") && line.contains(pid) && line.contains(inode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
