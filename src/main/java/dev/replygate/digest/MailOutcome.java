package dev.replygate.digest;

import java.util.Locale;

/** What became of a received message, as the digest counts and charts it. */
enum MailOutcome {
    /** answered with a link to the portal */
    REDIRECTED,
    /** written by a person, but its answer was held back (a limit, a rule, a duplicate, shadow mode) */
    HELD_BACK,
    /** automatic mail, never answered */
    AUTOMATIC,
    /** could not be read */
    QUARANTINED;

    /** The name templates use: {@code redirected}, {@code heldBack}, {@code automatic}, {@code quarantined}. */
    String key() {
        String lower = name().toLowerCase(Locale.ROOT);
        int underscore = lower.indexOf('_');
        return underscore < 0 ? lower : lower.substring(0, underscore)
                + Character.toUpperCase(lower.charAt(underscore + 1)) + lower.substring(underscore + 2);
    }
}
