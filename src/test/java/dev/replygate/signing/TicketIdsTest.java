package dev.replygate.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TicketIdsTest {

    @Test
    void encodesCapitalsAndUnderscoresWithAnEscape() {
        assertThat(TicketIds.encode("ABC-12_x")).isEqualTo("_a_b_c-12__x");
        assertThat(TicketIds.encode("123456")).isEqualTo("123456");
    }

    @Test
    void decodesBackToTheOriginalCase() {
        assertThat(TicketIds.decode("_a_b_c-12__x")).contains("ABC-12_x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "_", "a_", "_1", "_-", "A", "a.b", "a b", "é"})
    void rejectsWhatNoTicketIdEncodesTo(String encoded) {
        assertThat(TicketIds.decode(encoded)).isEmpty();
    }

    @Test
    void rejectsADecodedIdLongerThan64() {
        assertThat(TicketIds.decode("a".repeat(64))).contains("a".repeat(64));
        assertThat(TicketIds.decode("a".repeat(65))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a b", "a\r\nb", "تیکت", "a@b", "a+b"})
    void refusesInvalidTicketIdsClearly(String ticketId) {
        assertThatIllegalArgumentException().isThrownBy(() -> TicketIds.encode(ticketId))
                .withMessageContaining("ticket id must be 1 to 64 characters")
                .withMessageNotContaining("\r").withMessageNotContaining("\n");
    }

    @Test
    void refusesNullAndOverlongIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> TicketIds.requireValid(null));
        assertThatIllegalArgumentException().isThrownBy(() -> TicketIds.requireValid("x".repeat(65)));
    }
}
