package dev.replygate.mailbox;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** How a mailbox is doing, from when its last polls succeeded and failed: the one rule every view of it uses. */
public enum PollHealth {
    /** Its last poll succeeded. */
    OK,
    /** Its last poll failed. */
    FAILING,
    /** Not polled yet. */
    WAITING;

    /** {@link #FAILING} when the last failure is later than the last success, {@link #OK} after a success. */
    public static PollHealth of(Optional<Instant> lastSuccess, Optional<Instant> lastFailure) {
        if (lastFailure.isPresent() && (lastSuccess.isEmpty() || lastFailure.get().isAfter(lastSuccess.get()))) {
            return FAILING;
        }
        return lastSuccess.isPresent() ? OK : WAITING;
    }

    /** {@code ok}, {@code failing} or {@code waiting}: the word the pages' and the digests' templates test. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
