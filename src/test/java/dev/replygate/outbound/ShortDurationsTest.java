package dev.replygate.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ShortDurationsTest {

    @Test
    void writesDurationsTheWayTheConfigurationDoes() {
        assertThat(ShortDurations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(ShortDurations.format(Duration.ofMillis(300))).isEqualTo("1s");
        assertThat(ShortDurations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(ShortDurations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(ShortDurations.format(Duration.ofSeconds(126))).isEqualTo("2m6s");
        assertThat(ShortDurations.format(Duration.ofMinutes(90).plusSeconds(7))).isEqualTo("1h30m");
        assertThat(ShortDurations.format(Duration.ofDays(3))).isEqualTo("3d");
    }
}
