package dev.replygate.mailbox;

import java.util.Locale;

/** Where a processed message goes, by its outcome. */
public enum Disposition {
    /** It got an answer that points to the portal (or would have, in shadow mode). */
    REDIRECTED,
    /** It was recorded and gets nothing (automatic mail, a rate limit, no trusted sender…). */
    IGNORED,
    /** It could not be processed; its error is recorded. */
    QUARANTINED;

    /** The lower-case name, as in logs and IMAP keywords ({@code replygate-redirected}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
