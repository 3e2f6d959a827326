package dev.replygate.text;


import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderTextTest {

    @Test
    void collapsesEveryKindOfLineBreakAndControlCharacterToOneSpace() {
        assertThat(HeaderText.forHeader("a\r\nb")).isEqualTo("a b");
        assertThat(HeaderText.forHeader("a\r\n\r\n\tb")).isEqualTo("a b");
        assertThat(HeaderText.forHeader("a\u0000b\u0085c\u2028d\u2029e\u007ff")).isEqualTo("a b c d e f");
        assertThat(HeaderText.forHeader("\r\n  padded \n")).isEqualTo("padded");
        assertThat(HeaderText.forHeader(null)).isEmpty();
    }

    @Test
    void keepsFormatCharactersPersianNeeds() {
        String halfSpaced = "می\u200Cخواهم";
        assertThat(HeaderText.forHeader(halfSpaced)).isEqualTo(halfSpaced);
        assertThat(HeaderText.forHeader("emoji 😀 stays")).isEqualTo("emoji 😀 stays");
    }

    @Test
    void receivedTextKeepsItsTabsWhileOurHeadersMakeThemSpaces() {
        String stranger = "Re:\tyour\u0000 ticket\r\nBcc: x@y.z\u001b[31m\u2028!";

        assertThat(HeaderText.received(stranger)).isEqualTo("Re:\tyour ticket  Bcc: x@y.z[31m !");
        assertThat(HeaderText.forHeader(stranger)).isEqualTo("Re: your  ticket Bcc: x@y.z [31m !");
    }
}
