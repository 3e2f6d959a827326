package dev.replygate.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The problems found while loading one file, and which key paths they are about. */
final class ProblemList {

    private final Path file;
    private final Set<ConfigProblem> problems = new LinkedHashSet<>();
    private final Set<String> rejectedPaths = new LinkedHashSet<>();

    ProblemList(Path file) {
        this.file = file;
    }

    void add(String keyPath, SourcePosition position, String message) {
        problems.add(new ConfigProblem(file, position.line(), position.column(), keyPath, message));
        rejectedPaths.add(keyPath);
    }

    /**
     * True when a problem was found about {@code keyPath}, a key containing it or a key inside it:
     * its value is then a stand-in, and conclusions drawn from it may be wrong.
     */
    boolean isRejected(String keyPath) {
        return rejectedPaths.stream().anyMatch(rejected ->
                KeyPaths.isWithin(keyPath, rejected) || KeyPaths.isWithin(rejected, keyPath));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> inFileOrder() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(ConfigProblem.IN_FILE_ORDER);
        return sorted;
    }

    ConfigException toException() {
        return new ConfigException(inFileOrder());
    }
}
