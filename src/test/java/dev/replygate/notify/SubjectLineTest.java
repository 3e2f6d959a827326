package dev.replygate.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectLineTest {

    @Test
    void breaksTabsAndRunsOfSpaceBecomeOneSpace() {
        assertThat(SubjectLine.normalize("\n  Ticket #1\r\n\tanswered  \u2028 now \n")).isEqualTo("Ticket #1 answered now");
    }

    @Test
    void controlCharactersAreRemoved() {
        assertThat(SubjectLine.normalize("a\u0000b\u0085c\u007Fd")).isEqualTo("a b c d");
    }

    @Test
    void bidiIsolatesAndNonBreakingSpacesStay() {
        assertThat(SubjectLine.normalize("تیکت \u2068#1\u2069\u00A0x")).isEqualTo("تیکت \u2068#1\u2069\u00A0x");
    }
}
