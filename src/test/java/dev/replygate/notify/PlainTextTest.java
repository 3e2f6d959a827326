package dev.replygate.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTest {

    @Test
    void tidiesLines() {
        assertThat(PlainText.tidy("\n\n  a  \r\n\r\n\r\n\r\nb\t\n  c\n\n")).isEqualTo("  a\n\nb\n  c\n");
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(PlainText.tidy(" \n \n")).isEmpty();
    }
}
