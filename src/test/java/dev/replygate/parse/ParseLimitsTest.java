package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParseLimitsTest {

    @Test
    void thePresetsDifferOnlyInStrictness() {
        assertThat(ParseLimits.DEFAULT.strict()).isFalse();
        assertThat(ParseLimits.STRICT.strict()).isTrue();
        assertThat(new ParseLimits(ParseLimits.STRICT.maxHeaderFields(), ParseLimits.STRICT.maxHeaderFieldBytes(),
                ParseLimits.STRICT.maxHeaderBytes(), ParseLimits.STRICT.maxParts(), ParseLimits.STRICT.maxDepth(),
                ParseLimits.STRICT.maxTextChars(), ParseLimits.STRICT.maxHtmlBytes(), ParseLimits.STRICT.maxReportParts(),
                ParseLimits.STRICT.maxReportPartBytes(), ParseLimits.STRICT.maxProblems(), false))
                .isEqualTo(ParseLimits.DEFAULT);
        assertThat(ParseLimits.DEFAULT.maxHeaderFields()).isEqualTo(ParsedMail.MAX_HEADERS);
    }

    @Test
    void namesTheKnobThatIsWrong() {
        assertThatThrownBy(() -> new ParseLimits(1000, 65536, 1 << 20, 0, 20, 1000, 1024, 16, 65536, 100, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ParseLimits.maxParts must be at least 1, was 0");
        assertThatThrownBy(() -> new ParseLimits(1001, 65536, 1 << 20, 1, 20, 1000, 1024, 16, 65536, 100, false))
                .hasMessage("ParseLimits.maxHeaderFields must be at most 1000, was 1001");
        assertThatThrownBy(() -> new ParseLimits(1000, 1 << 20, 1 << 21, 1, 20, 1000, 1024, 16, 65536, 100, false))
                .hasMessageContaining("ParseLimits.maxHeaderFieldBytes must be at most");
        assertThatThrownBy(() -> new ParseLimits(1000, 65536, 1000, 1, 20, 1000, 1024, 16, 65536, 100, false))
                .hasMessage("ParseLimits.maxHeaderBytes must be at least 65536, was 1000");
    }
}
