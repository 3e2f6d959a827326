package dev.replygate.retention;

import dev.replygate.config.ReplygateConfig;
import dev.replygate.config.RetentionConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * How far back the store keeps rows: the configured time, or longer when something still reads older
 * rows (a rate-limit window, a digest's period). Nothing younger than {@link #minimumKeep()} is purged.
 */
public final class RetentionPolicy {

    /** The daily answer cap looks back this far (see decide/AnswerRateLimiter). */
    private static final Duration DAILY_CAP_WINDOW = Duration.ofHours(24);

    private final Duration records;
    private final Duration sentOutbox;
    private final Duration minimumKeep;

    public RetentionPolicy(RetentionConfig config, Duration minimumKeep) {
        this(config.records(), config.sentOutbox(), minimumKeep);
    }

    private RetentionPolicy(Duration records, Duration sentOutbox, Duration minimumKeep) {
        this.records = records;
        this.sentOutbox = sentOutbox;
        this.minimumKeep = minimumKeep;
    }

    /** The policy of {@code config}: keeps at least what its answer rate limits look back on. */
    public static RetentionPolicy of(ReplygateConfig config) {
        return new RetentionPolicy(config.retention(),
                longest(List.of(config.inbound().replyWindow(), DAILY_CAP_WINDOW)));
    }

    /** This policy, keeping every row at least {@code keep} too (e.g. the longest digest period). */
    public RetentionPolicy keepingAtLeast(Duration keep) {
        return new RetentionPolicy(records, sentOutbox, longest(List.of(minimumKeep, keep)));
    }

    public Duration minimumKeep() {
        return minimumKeep;
    }

    /** What is older than this at {@code now} may be purged. */
    public Horizon horizon(Instant now) {
        return new Horizon(now.minus(longest(List.of(records, minimumKeep))),
                now.minus(longest(List.of(sentOutbox, minimumKeep))));
    }

    /**
     * @param records    inbound records, failure counts, the answer log and notifications made before this may go
     * @param sentOutbox sent outbox items (not notifications) sent before this may go
     */
    public record Horizon(Instant records, Instant sentOutbox) {
    }

    private static Duration longest(List<Duration> durations) {
        return Collections.max(durations);
    }
}
