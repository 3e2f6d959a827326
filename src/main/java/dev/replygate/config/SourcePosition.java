package dev.replygate.config;

/**
 * A place in the config file, both 1-based. Line 0 means "no place in the file" (for example, the
 * file could not be read at all).
 */
public record SourcePosition(int line, int column) {

    static final SourcePosition NONE = new SourcePosition(0, 0);
    static final SourcePosition START = new SourcePosition(1, 1);

    public boolean isKnown() {
        return line > 0;
    }
}
