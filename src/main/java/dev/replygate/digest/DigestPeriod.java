package dev.replygate.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time a digest covers: from {@code start} (included) to {@code end} (excluded).
 */
public record DigestPeriod(Instant start, Instant end) {

    /** Periods up to this long get a chart per hour; longer ones a chart per day. */
    static final Duration HOURLY_UP_TO = Duration.ofHours(48);

    public DigestPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the period must start before it ends: " + start + " to " + end);
        }
    }

    /** True when its chart shows hours, false when it shows days. */
    boolean hourly() {
        return length().compareTo(HOURLY_UP_TO) <= 0;
    }

    Duration length() {
        return Duration.between(start, end);
    }
}
