package dev.replygate.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderTextTest {

    @Test
    void collapsesEveryKindOfLineBreakAndControlCharacterToOneSpace() {
        assertThat(HeaderText.clean("a\r\nb")).isEqualTo("a b");
        assertThat(HeaderText.clean("a\r\n\r\n\tb")).isEqualTo("a b");
        assertThat(HeaderText.clean("a\u0000b\u0085c\u2028d\u2029e\u007ff")).isEqualTo("a b c d e f");
        assertThat(HeaderText.clean("\r\n  padded \n")).isEqualTo("padded");
        assertThat(HeaderText.clean(null)).isEmpty();
    }

    @Test
    void keepsFormatCharactersPersianNeeds() {
        String halfSpaced = "می\u200Cخواهم";
        assertThat(HeaderText.clean(halfSpaced)).isEqualTo(halfSpaced);
        assertThat(HeaderText.clean("emoji 😀 stays")).isEqualTo("emoji 😀 stays");
    }
}
