package dev.replygate.mailbox;

import java.time.Duration;

/** Waits between reconnection attempts: doubling from {@code initial}, never more than {@code max}. */
final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private Duration next;

    ReconnectBackoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || initial.compareTo(max) > 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, not " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the one after, up to the maximum. */
    Duration next() {
        Duration wait = next;
        next = next.compareTo(max.dividedBy(2)) > 0 ? max : next.multipliedBy(2);
        return wait;
    }

    /** After a success: the next failure waits the initial time again. */
    void reset() {
        next = initial;
    }
}
