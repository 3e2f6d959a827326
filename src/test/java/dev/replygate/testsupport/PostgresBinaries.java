package dev.replygate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs a test cluster is made with: the newest version installed
 * from Debian's packages ({@code /usr/lib/postgresql/<version>/bin}), or the folder named by
 * the environment variable {@code REPLYGATE_PG_BIN} on other systems.
 */
public record PostgresBinaries(Path bin) {

    static final String OVERRIDE = "REPLYGATE_PG_BIN";
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    public Path initdb() {
        return bin.resolve("initdb");
    }

    public Path pgCtl() {
        return bin.resolve("pg_ctl");
    }

    /** Where they were looked for, for messages. */
    static String searched() {
        return DEBIAN_ROOT + "/<version>/bin (or $" + OVERRIDE + ")";
    }

    /** The installed binaries, if any. */
    public static Optional<PostgresBinaries> find() {
        String override = System.getenv(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return complete(Path.of(override));
        }
        return newestUnder(DEBIAN_ROOT);
    }

    static Optional<PostgresBinaries> newestUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions
                    .filter(dir -> dir.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .sorted(Comparator.comparing(PostgresBinaries::version).reversed())
                    .map(dir -> complete(dir.resolve("bin")))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static Optional<PostgresBinaries> complete(Path bin) {
        PostgresBinaries binaries = new PostgresBinaries(bin);
        return Files.isExecutable(binaries.initdb()) && Files.isExecutable(binaries.pgCtl())
                ? Optional.of(binaries)
                : Optional.empty();
    }

    /** "15" → 15.0, "9.6" → 9.6: Debian names its folders by major version. */
    private static Double version(Path dir) {
        return Double.valueOf(dir.getFileName().toString());
    }
}
