package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TextDecodingTest {

    private static BoundedRead.Result bytes(byte[] bytes, boolean complete) {
        return new BoundedRead.Result(bytes, bytes.length, complete ? bytes.length : bytes.length + 100, complete);
    }

    @Test
    void guessesUtf8ForValidUtf8AndWindows1252Otherwise() {
        assertThat(TextDecoding.guess(bytes("Grüße".getBytes(StandardCharsets.UTF_8), true)))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextDecoding.guess(bytes("Grüße".getBytes(CharsetLabels.WINDOWS_1252), true)))
                .isEqualTo(CharsetLabels.WINDOWS_1252);
    }

    @Test
    void aUtf8SequenceCutByTheByteLimitStillCountsAsUtf8() {
        byte[] cut = {'a', (byte) 0xD8};

        assertThat(TextDecoding.guess(bytes(cut, false))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(TextDecoding.guess(bytes(cut, true))).isEqualTo(CharsetLabels.WINDOWS_1252);
    }

    @Test
    void decodingCutInputDropsTheCutSequenceAndSaysTheTextIsCut() {
        Problems problems = new Problems(10, false);

        BoundedText text = TextDecoding.decode(bytes(new byte[] {'a', (byte) 0xD8}, false),
                StandardCharsets.UTF_8, 100, problems, "body");

        assertThat(text.text()).isEqualTo("a");
        assertThat(text.truncated()).isTrue();
        assertThat(problems.list()).isEmpty();
    }
}
