package dev.replygate.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The {@code retention} section: days kept, batch size, and where a bad value is. */
class RetentionConfigTest {

    @TempDir
    Path dir;
    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(dir);
    }

    @Test
    void aMinimalConfigKeepsRecordsNinetyDaysAndSentMailThirty() {
        RetentionConfig retention = fixture.load(ConfigFixture.MINIMAL).config().retention();

        assertThat(retention).isEqualTo(new RetentionConfig(Duration.ofDays(90), Duration.ofDays(30), 1000));
    }

    @Test
    void parsesEveryKey() {
        RetentionConfig retention = fixture.load(fixture.writeMinimalWith("retention", Map.of(
                "records", "400d", "sent-outbox", "7d", "batch-size", 250))).config().retention();

        assertThat(retention).isEqualTo(new RetentionConfig(Duration.ofDays(400), Duration.ofDays(7), 250));
    }

    @Test
    void badValuesAreReportedWithTheirKeyAndPosition() {
        Path file = fixture.write(ConfigFixture.MINIMAL + """
                retention:
                  records: 0d
                  sent-outbox: 3 weeks
                  batch-size: 100000
                  keep-forever: true
                """);

        ConfigException failure = fixture.loadFailing(file);

        assertThat(failure.problems()).extracting(ConfigProblem::line, ConfigProblem::keyPath)
                .containsExactlyInAnyOrder(
                        tuple(16, "retention.records"),
                        tuple(17, "retention.sent-outbox"),
                        tuple(18, "retention.batch-size"),
                        tuple(19, "retention.keep-forever"));
        assertThat(failure.getMessage()).contains(file + ":16:", "retention.records", "longer than 0",
                "use 1 to 10000");
    }
}
