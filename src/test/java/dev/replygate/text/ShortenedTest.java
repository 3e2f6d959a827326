package dev.replygate.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShortenedTest {

    @Test
    void keepsTextUpToTheLimit() {
        assertThat(Shortened.to("سلام", 4)).isEqualTo("سلام");
    }

    @Test
    void cutsLongerTextAndSaysSo() {
        assertThat(Shortened.to("Cannot renew my domain", 6)).isEqualTo("Cannot…");
    }

    @Test
    void countsCodePointsSoASurrogatePairIsNeverSplit() {
        String emoji = "\uD83D\uDE00";
        assertThat(Shortened.to(emoji.repeat(3), 2)).isEqualTo(emoji.repeat(2) + "…");
    }
}
