package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PollHealthTest {

    private static final Optional<Instant> EARLIER = Optional.of(Instant.parse("2026-12-01T10:00:00Z"));
    private static final Optional<Instant> LATER = Optional.of(Instant.parse("2026-12-01T10:05:00Z"));

    @Test
    void theLaterOfTheLastSuccessAndTheLastFailureDecides() {
        assertThat(PollHealth.of(EARLIER, LATER)).isEqualTo(PollHealth.FAILING);
        assertThat(PollHealth.of(LATER, EARLIER)).isEqualTo(PollHealth.OK);
        assertThat(PollHealth.of(Optional.empty(), EARLIER)).isEqualTo(PollHealth.FAILING);
        assertThat(PollHealth.of(EARLIER, Optional.empty())).isEqualTo(PollHealth.OK);
        assertThat(PollHealth.of(Optional.empty(), Optional.empty())).isEqualTo(PollHealth.WAITING);
    }

    @Test
    void aFailureAtTheSameInstantAsASuccessIsNotFailing() {
        assertThat(PollHealth.of(EARLIER, EARLIER)).isEqualTo(PollHealth.OK);
    }

    @Test
    void theKeysAreTheWordsTheTemplatesTest() {
        assertThat(PollHealth.OK.key()).isEqualTo("ok");
        assertThat(PollHealth.FAILING.key()).isEqualTo("failing");
        assertThat(PollHealth.WAITING.key()).isEqualTo("waiting");
    }
}
