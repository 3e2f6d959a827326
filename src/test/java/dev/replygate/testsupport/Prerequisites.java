package dev.replygate.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs from the machine (PostgreSQL binaries, the mail
 * corpus) is missing: a developer's run skips it with the reason; CI ({@code CI=true}) fails,
 * so that a green build never hides tests that did not run.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** True when running under CI, where every prerequisite must be present. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the calling test, or fails it under CI; never returns. */
    public static <T> T missing(String reason) {
        return missing(reason, underCi());
    }

    static <T> T missing(String reason, boolean ci) {
        if (ci) {
            return Assertions.fail(reason + " (required under CI=true)");
        }
        return Assumptions.abort(reason + " (test skipped; it fails under CI=true)");
    }
}
