package dev.replygate.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void doublesFromTheInitialWaitUpToTheMaximum() {
        Backoff backoff = new Backoff(MINUTE, HOUR, () -> 0.0);

        assertThat(backoff.after(1)).isEqualTo(MINUTE);
        assertThat(backoff.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(backoff.after(7)).isEqualTo(HOUR);
        assertThat(backoff.after(1_000)).isEqualTo(HOUR);
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(HOUR);
        assertThat(backoff.after(0)).isEqualTo(MINUTE);
    }

    @Test
    void addsUpToTenPercentJitter() {
        assertThat(new Backoff(MINUTE, HOUR, () -> 0.5).after(1)).isEqualTo(Duration.ofSeconds(63));
        assertThat(new Backoff(MINUTE, HOUR, () -> 0.999_999).after(20))
                .isLessThan(HOUR.plus(HOUR.dividedBy(10))).isGreaterThan(HOUR);
    }

    @Test
    void productionJitterStaysInBounds() {
        Backoff backoff = Backoff.of(DeliveryHarness.DELIVERY);
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.after(2)).isBetween(Duration.ofMinutes(2), Duration.ofSeconds(132));
        }
    }

    @Test
    void refusesANonsensicalConfiguration() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, HOUR, () -> 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(HOUR, MINUTE, () -> 0));
    }
}
