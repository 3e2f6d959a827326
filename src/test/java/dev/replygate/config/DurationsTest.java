package dev.replygate.config;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void parsesEachUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void rejectsAnythingElse() {
        for (String text : new String[]{"", "s", "10", "10 s", "1.5h", "1h30m", "10S", "10sec", " 10s", "1w"}) {
            assertThatThrownBy(() -> Durations.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a duration");
        }
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("is negative");
        assertThatThrownBy(() -> Durations.parse("9999999999999999999d")).hasMessageContaining("too long");
        assertThatThrownBy(() -> Durations.parse("999999999999999999d")).hasMessageContaining("too long");
    }

    @Test
    void formatsInTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofNanos(1))).isEqualTo("PT0.000000001S");
    }

    @Property
    void formatThenParseGivesTheSameDuration(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
        Duration duration = Duration.ofMillis(millis);

        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }

    @Test
    void logLinesRoundUpToWholeSecondsInTheSameForm() {
        assertThat(Durations.formatRounded(Duration.ofMillis(61_234))).isEqualTo("62s");
        assertThat(Durations.formatRounded(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.formatRounded(Duration.ofMinutes(90).plusMillis(1))).isEqualTo("5401s");
        assertThat(Durations.formatRounded(Duration.ofMillis(300))).isEqualTo("300ms");
        assertThat(Durations.formatRounded(Duration.ofNanos(1))).isEqualTo("1ms");
        assertThat(Durations.formatRounded(Duration.ZERO)).isEqualTo("0s");
    }

    @Property
    void whatALogLineSaysTheConfigReads(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long nanos) {
        Duration printed = Durations.parse(Durations.formatRounded(Duration.ofNanos(nanos)));

        assertThat(printed).isGreaterThanOrEqualTo(Duration.ofNanos(nanos));
    }
}
