package dev.replygate.inbound;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What is held of a message is what its stream holds, up to the limit plus one byte, whatever the server claimed. */
class HeldBytesTest {

    private static final int LIMIT = 1000;

    @Test
    void aTrueClaimIsReadWhole() throws IOException {
        assertThat(HeldBytes.read(stream(500), 500, LIMIT)).isEqualTo(bytes(500));
        assertThat(HeldBytes.read(stream(LIMIT), LIMIT, LIMIT)).isEqualTo(bytes(LIMIT));
        assertThat(HeldBytes.read(stream(0), 0, LIMIT)).isEmpty();
    }

    @Test
    void aClaimTooLargeGivesWhatTheStreamHeld() throws IOException {
        assertThat(HeldBytes.read(stream(300), 900, LIMIT)).isEqualTo(bytes(300));
        assertThat(HeldBytes.read(stream(0), 900, LIMIT)).isEmpty();
    }

    @Test
    void aClaimTooSmallGivesEverythingUpToTheLimitAndOneByteMore() throws IOException {
        assertThat(HeldBytes.read(stream(800), 10, LIMIT)).isEqualTo(bytes(800));
        assertThat(HeldBytes.read(stream(LIMIT), 0, LIMIT)).isEqualTo(bytes(LIMIT));
        assertThat(HeldBytes.read(stream(5 * LIMIT), 10, LIMIT)).isEqualTo(bytes(LIMIT + 1));
        assertThat(HeldBytes.read(stream(LIMIT + 1), LIMIT, LIMIT)).isEqualTo(bytes(LIMIT + 1));
    }

    @Test
    void noClaimOrOneOverTheLimitReadsUpToTheLimitAndOneByteMore() throws IOException {
        assertThat(HeldBytes.read(stream(700), -1, LIMIT)).isEqualTo(bytes(700));
        assertThat(HeldBytes.read(stream(3 * LIMIT), -1, LIMIT)).isEqualTo(bytes(LIMIT + 1));
        assertThat(HeldBytes.read(stream(3 * LIMIT), 2 * LIMIT, LIMIT)).isEqualTo(bytes(LIMIT + 1));
    }

    @Test
    void aStreamThatGivesOneByteAtATimeIsReadWhole() throws IOException {
        InputStream trickle = new FilterInputStream(stream(600)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertThat(HeldBytes.read(trickle, 400, LIMIT)).isEqualTo(bytes(600));
    }

    private static InputStream stream(int length) {
        return new ByteArrayInputStream(bytes(length));
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}
