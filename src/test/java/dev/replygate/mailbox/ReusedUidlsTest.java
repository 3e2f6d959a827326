package dev.replygate.mailbox;

import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReusedUidlsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aKeyIsNamedAtTheSizeItWasRememberedAtOnly() {
        ReusedUidls reused = new ReusedUidls(10, clock);

        assertThat(reused.remember("uidl-1", 500)).isTrue();

        assertThat(reused.named("uidl-1", 500)).isTrue();
        assertThat(reused.named("uidl-1", 501)).as("another message under the key").isFalse();
        assertThat(reused.named("uidl-2", 500)).isFalse();
    }

    @Test
    void aKeyWhoseSizeIsUnknownIsNotRemembered() {
        ReusedUidls reused = new ReusedUidls(10, clock);

        assertThat(reused.remember("uidl-1", -1)).isFalse();

        assertThat(reused.named("uidl-1", -1)).isFalse();
    }

    @Test
    void aFloodOfKeysIsRememberedUpToTheCapacityAndTheRestReadAsBefore() {
        ReusedUidls reused = new ReusedUidls(3, clock);

        for (int n = 1; n <= 1000; n++) {
            assertThat(reused.remember("uidl-" + n, n)).isEqualTo(n <= 3);
        }

        assertThat(reused.named("uidl-3", 3)).isTrue();
        assertThat(reused.named("uidl-4", 4)).isFalse();
        assertThat(reused.remember("uidl-2", 20)).as("a kept key's new size takes no more room").isTrue();
        assertThat(reused.named("uidl-2", 20)).isTrue();
    }

    @Test
    void keysNoLongerListedAtTheirSizeAreForgottenAndMakeRoom() {
        ReusedUidls reused = new ReusedUidls(2, clock);
        reused.remember("gone", 1);
        reused.remember("resized", 2);

        reused.keepListed(Map.of("resized", 3L, "new", 4L));

        assertThat(reused.named("gone", 1)).isFalse();
        assertThat(reused.named("resized", 2)).isFalse();
        assertThat(reused.remember("new", 4)).isTrue();
        assertThat(reused.remember("other", 5)).isTrue();
    }

    @Test
    void aKeyIsReadAgainOnceADayInCaseItsRecordWasPurged() {
        ReusedUidls reused = new ReusedUidls(10, clock);
        reused.remember("uidl-1", 500);

        clock.advance(ReusedUidls.RECHECK.minus(Duration.ofSeconds(1)));
        assertThat(reused.named("uidl-1", 500)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(reused.named("uidl-1", 500)).isFalse();
    }
}
