package dev.replygate.cli;

import dev.replygate.config.Durations;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Issue 9: a duration on the command line is read as the config reads it, and refused with the same words. */
class DurationConverterTest {

    @Test
    void readsAndRefusesAsTheConfigDoes() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("90m")).isEqualTo(Duration.ofMinutes(90));
        for (String text : new String[]{"1h30m", "10", "-1s"}) {
            String configReason = catchThrowable(() -> Durations.parse(text)).getMessage();
            assertThatThrownBy(() -> converter.convert(text)).as(text)
                    .isInstanceOf(TypeConversionException.class).hasMessage(configReason);
        }
    }
}
