package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LongLineBreakerTest {

    @Test
    void leavesOrdinaryLinesAlone() throws IOException {
        byte[] text = "short\r\nlines\nonly".getBytes(StandardCharsets.US_ASCII);

        assertThat(new LongLineBreaker(new ByteArrayInputStream(text)).readAllBytes()).isEqualTo(text);
    }

    @Test
    void breaksALineAtTheLimitWhateverTheReadSize() throws IOException {
        int length = 2 * LongLineBreaker.MAX_LINE + 10;
        byte[] line = new byte[length];
        java.util.Arrays.fill(line, (byte) 'x');

        byte[] bulk = new LongLineBreaker(new ByteArrayInputStream(line)).readAllBytes();
        byte[] single = readOneByOne(new LongLineBreaker(new ByteArrayInputStream(line)));

        for (byte[] broken : new byte[][] {bulk, single}) {
            assertThat(broken).hasSize(length + 2);
            assertThat(broken[LongLineBreaker.MAX_LINE]).isEqualTo((byte) '\n');
            assertThat(broken[2 * LongLineBreaker.MAX_LINE + 1]).isEqualTo((byte) '\n');
        }
    }

    @Test
    void countsALineFromItsLastLineFeed() throws IOException {
        byte[] text = new byte[LongLineBreaker.MAX_LINE + 3];
        java.util.Arrays.fill(text, (byte) 'y');
        text[4] = '\n';

        assertThat(new LongLineBreaker(new ByteArrayInputStream(text)).readAllBytes()).isEqualTo(text);
    }

    private static byte[] readOneByOne(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
