package dev.replygate.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void acceptsIdsWithOrWithoutBrackets() {
        assertThat(MessageIds.normalize("<CAF+x=y@mail.gmail.com>")).contains("CAF+x=y@mail.gmail.com");
        assertThat(MessageIds.normalize(" abc.def@host ")).contains("abc.def@host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-at", "a@b@c", "a b@c", "a@b\r\nBcc: x@y", "<a@b", "a@b>x", "تیکت@host", "@host",
            "a@"})
    void refusesWhatCannotGoIntoAHeader(String id) {
        assertThat(MessageIds.normalize(id)).isEmpty();
    }

    @Test
    void refusesOverlongIds() {
        assertThat(MessageIds.normalize("a".repeat(MessageIds.MAX_LENGTH - 2) + "@b")).isPresent();
        assertThat(MessageIds.normalize("a".repeat(MessageIds.MAX_LENGTH) + "@b")).isEmpty();
        assertThat(MessageIds.normalize(null)).isEmpty();
    }
}
