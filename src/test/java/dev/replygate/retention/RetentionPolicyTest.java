package dev.replygate.retention;

import dev.replygate.config.RetentionConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The horizon is the configured time, unless a rule or a digest still reads older rows. */
class RetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T04:00:00Z");

    @Test
    void theConfiguredDaysWhenLongerThanWhatRulesNeed() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionConfig(Duration.ofDays(90), Duration.ofDays(30), 1),
                Duration.ofDays(1));

        assertThat(policy.horizon(NOW)).isEqualTo(new RetentionPolicy.Horizon(NOW.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(30))));
    }

    @Test
    void theLongestOfWhatRulesAndDigestsNeedWhenLongerThanTheConfiguredDays() {
        RetentionPolicy policy = new RetentionPolicy(new RetentionConfig(Duration.ofHours(1), Duration.ofHours(1), 1),
                Duration.ofDays(2)).keepingAtLeast(Duration.ofDays(31)).keepingAtLeast(Duration.ofDays(7));

        assertThat(policy.minimumKeep()).isEqualTo(Duration.ofDays(31));
        assertThat(policy.horizon(NOW)).isEqualTo(new RetentionPolicy.Horizon(NOW.minus(Duration.ofDays(31)),
                NOW.minus(Duration.ofDays(31))));
    }
}
