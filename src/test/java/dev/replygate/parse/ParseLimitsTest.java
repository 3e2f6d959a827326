package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParseLimitsTest {

    @Test
    void thePresetsDifferOnlyInStrictness() {
        assertThat(ParseLimits.DEFAULT.strict()).isFalse();
        assertThat(ParseLimits.STRICT.strict()).isTrue();
        assertThat(ParseLimits.STRICT.withStrict(false)).isEqualTo(ParseLimits.DEFAULT);
        assertThat(ParseLimits.DEFAULT.maxHeaderFields()).isEqualTo(ParsedMail.MAX_HEADERS);
    }

    @Test
    void aWithMethodChangesItsKnobAlone() {
        ParseLimits changed = ParseLimits.DEFAULT.withMaxTextChars(42);

        assertThat(changed.maxTextChars()).isEqualTo(42);
        assertThat(changed.withMaxTextChars(ParseLimits.DEFAULT.maxTextChars())).isEqualTo(ParseLimits.DEFAULT);
        assertThat(ParseLimits.DEFAULT.withMaxEncodedWordsPerMessage(7_000).maxEncodedWordsPerField())
                .isEqualTo(ParseLimits.DEFAULT.maxEncodedWordsPerField());
    }

    @Test
    void namesTheKnobThatIsWrong() {
        assertThatThrownBy(() -> ParseLimits.DEFAULT.withMaxParts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ParseLimits.maxParts must be at least 1, was 0");
        assertThatThrownBy(() -> ParseLimits.DEFAULT.withMaxHeaderFields(1001))
                .hasMessage("ParseLimits.maxHeaderFields must be at most 1000, was 1001");
        assertThatThrownBy(() -> ParseLimits.DEFAULT.withMaxHeaderFieldBytes(1 << 20))
                .hasMessageContaining("ParseLimits.maxHeaderFieldBytes must be at most");
        assertThatThrownBy(() -> ParseLimits.DEFAULT.withMaxHeaderBytes(1000))
                .hasMessage("ParseLimits.maxHeaderBytes must be at least 65536, was 1000");
    }
}
