package dev.replygate.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Each caller's bucket: a burst of its rate, refilled evenly, never beyond it, one caller's flood not another's. */
class RequestRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestRateLimiter limiter = new RequestRateLimiter(now::get);

    @Test
    void aBurstOfTheRateThenOneEveryMinuteOverRate() {
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.take("whmcs", 6)).isEmpty();
        }
        assertThat(limiter.take("whmcs", 6)).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10)));
        assertThat(limiter.take("other", 6)).isEmpty();

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(limiter.take("whmcs", 6)).isEmpty();
        assertThat(limiter.take("whmcs", 6)).isPresent();
    }

    @Test
    void anIdleHourRefillsNoMoreThanOneBurst() {
        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("whmcs", 3)).isEmpty();
        }
        assertThat(limiter.take("whmcs", 3)).isPresent();
    }

    @Test
    void refusedRequestsDoNotPushTheNextOneFurtherAway() {
        limiter.take("whmcs", 1);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.take("whmcs", 1)).isPresent();
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(limiter.take("whmcs", 1)).isEmpty();
    }
}
