package dev.replygate.parse;

import org.apache.james.mime4j.codec.DecodeMonitor;

import java.util.Set;

/**
 * Receives mime4j's warnings (bad base64 or quoted-printable, malformed header lines, missing
 * boundaries) and records them as problems of the part being read. Never asks mime4j to stop.
 */
final class ProblemMonitor extends DecodeMonitor {

    /** Harmless and frequent: mail with LF line ends makes quoted-printable warn on every line. */
    private static final Set<String> HARMLESS = Set.of("Found LF without CR", "Found CR without LF", "ignored blanks");
    private static final String BAD_BASE64 = "Unexpected base64 byte";

    private final Problems problems;
    private String where = "header";

    ProblemMonitor(Problems problems) {
        this.problems = problems;
    }

    /** Names the part that later warnings are about ("header", "part 3"…). */
    void readingNow(String where) {
        this.where = where;
    }

    @Override
    public boolean warn(String error, String dropDesc) {
        if (error == null || HARMLESS.contains(error)) {
            return false;
        }
        // one problem for all the bad bytes of a part, not one per byte value
        String summary = error.startsWith(BAD_BASE64) ? BAD_BASE64 : error.strip();
        problems.add(where + ": " + summary);
        return false;
    }

    @Override
    public boolean isListening() {
        return true;
    }
}
