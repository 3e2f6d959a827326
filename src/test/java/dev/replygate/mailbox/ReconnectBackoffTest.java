package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterASuccess() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(30));

        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void neverOverflowsHoweverLongItFails() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(1), Duration.ofDays(1));

        for (int i = 0; i < 10_000; i++) {
            assertThat(backoff.next()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
        }
    }

    @Test
    void refusesAnInitialWaitAboveTheMaximumOrOfZero() {
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectBackoff(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
