package dev.replygate.config;

/** Where a {@link ConfigCheck} reports what it found wrong; the problem is placed at its key in the file. */
public final class ConfigProblems {

    private final ProblemList problems;
    private final KeyPositions positions;

    ConfigProblems(ProblemList problems, KeyPositions positions) {
        this.problems = problems;
        this.positions = positions;
    }

    /**
     * Adds a problem about {@code keyPath} (such as {@code notifications.events.opened}), placed at
     * that key in the file, or at the nearest enclosing key written there when the value is a
     * default. A problem about a key the loader already rejected (or one containing or inside it) is
     * dropped, since the check then saw a stand-in value.
     */
    public void add(String keyPath, String message) {
        if (!problems.isRejected(keyPath)) {
            problems.add(keyPath, positions.positionOf(keyPath), message);
        }
    }
}
