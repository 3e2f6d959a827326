package dev.replygate.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code perMinute} requests in a burst, refilled evenly over a minute.
 * Callers are the configured tokens' names, so the map stays small.
 */
final class RequestRateLimiter {

    private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();

    RequestRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one request from {@code caller}'s bucket; when it is empty, how long until the next one is allowed. */
    synchronized Optional<Duration> take(String caller, int perMinute) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(perMinute, now));
        long nanosPerRequest = MINUTE_NANOS / perMinute;
        double refilled = (double) (now - bucket.updatedAt) / nanosPerRequest;
        bucket.available = Math.min(perMinute, bucket.available + refilled);
        bucket.updatedAt = now;
        if (bucket.available >= 1) {
            bucket.available -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.available) * nanosPerRequest)));
    }

    private static final class Bucket {
        private double available;
        private long updatedAt;

        Bucket(double available, long updatedAt) {
            this.available = available;
            this.updatedAt = updatedAt;
        }
    }
}
