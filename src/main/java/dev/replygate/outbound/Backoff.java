package dev.replygate.outbound;

import dev.replygate.config.DeliveryConfig;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait after a temporary failure: {@code initial × 2^(attempts−1)}, at most {@code max},
 * plus up to 10% jitter so that items that failed together do not all come back together.
 */
final class Backoff {

    static final double JITTER = 0.10;

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param random values in [0, 1) that pick the jitter
     */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max: " + initial + ", " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    static Backoff of(DeliveryConfig config) {
        return new Backoff(config.initialBackoff(), config.maxBackoff(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait after the {@code attempts}-th attempt failed (1 for the first). */
    Duration after(int attempts) {
        Duration delay = max;
        int doublings = Math.max(0, attempts - 1);
        if (doublings < 62) {
            long millis = initial.toMillis();
            if (millis <= max.toMillis() >> doublings) {
                delay = Duration.ofMillis(millis << doublings);
            }
        }
        long jitterMillis = (long) (delay.toMillis() * JITTER * random.getAsDouble());
        return delay.plusMillis(jitterMillis);
    }
}
