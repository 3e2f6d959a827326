package dev.replygate.config;

import java.nio.file.Path;

/** A config loaded from a file, which still knows where each key was written. */
public final class LoadedConfig {

    private final ReplygateConfig config;
    private final Path file;
    private final KeyPositions positions;

    LoadedConfig(ReplygateConfig config, Path file, KeyPositions positions) {
        this.config = config;
        this.file = file;
        this.positions = positions;
    }

    public ReplygateConfig config() {
        return config;
    }

    /** The file, as it was named to the loader. */
    public Path file() {
        return file;
    }

    /**
     * Where {@code keyPath} (such as {@code smtp.port} or {@code signing.keys[0].secret}) was written:
     * its value when that is a single value, else its key. For a key left to its default, the
     * position of the deepest enclosing key that is written.
     */
    public SourcePosition positionOf(String keyPath) {
        return positions.positionOf(keyPath);
    }

    /** A problem about {@code keyPath}, placed where it was written; for problems found after loading. */
    public ConfigProblem problem(String keyPath, String message) {
        SourcePosition at = positionOf(keyPath);
        return new ConfigProblem(file, at.line(), at.column(), keyPath, message);
    }
}
