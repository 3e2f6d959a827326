package dev.replygate.parse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Utf7CharsetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            A+ImIDkQ.           | A≢Α.
            Hi Mom -+Jjo--!     | Hi Mom -☺-!
            +ZeVnLIqe-          | 日本語
            1 +- 1 = 2          | 1 + 1 = 2
            +AGEAYgBj           | abc
            +2D3eAQ-            | 😁
            +BjMGRAYnBkU- +BkUGMQYtBigGJw- | سلام مرحبا
            """)
    void decodesTheExamplesOfRfc2152(String utf7, String text) {
        assertThat(decode(utf7)).isEqualTo(text);
    }

    @Test
    void decodesTheSameWhateverTheBufferSize() throws IOException {
        byte[] bytes = "Hi +2D3eAQ- and +ZeVnLIqe- +- done".getBytes(StandardCharsets.US_ASCII);
        InputStream oneByteAtATime = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        StringBuilder text = new StringBuilder();
        try (Reader reader = new InputStreamReader(oneByteAtATime, Utf7Charset.INSTANCE.newDecoder())) {
            char[] one = new char[1];
            while (reader.read(one) > 0) {
                text.append(one[0]);
            }
        }

        assertThat(text).hasToString("Hi 😁 and 日本語 + done");
    }

    @Test
    void eightBitBytesAreMalformed() {
        assertThatThrownBy(() -> Utf7Charset.INSTANCE.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(new byte[] {'a', (byte) 0xE9})))
                .isInstanceOf(CharacterCodingException.class);
        assertThat(new String(new byte[] {'a', (byte) 0xE9, 'b'}, Utf7Charset.INSTANCE)).isEqualTo("a\uFFFDb");
    }

    @Test
    void isOnlyRead() {
        assertThat(Utf7Charset.INSTANCE.canEncode()).isFalse();
        assertThat(Utf7Charset.INSTANCE.aliases()).contains("unicode-1-1-utf-7");
        assertThatThrownBy(Utf7Charset.INSTANCE::newEncoder).isInstanceOf(UnsupportedOperationException.class);
    }

    @Property
    void decodesWhatAnEncoderWrites(@ForAll String text) {
        assertThat(decode(encode(text))).isEqualTo(text);
    }

    private static String decode(String utf7) {
        return new String(utf7.getBytes(StandardCharsets.US_ASCII), Utf7Charset.INSTANCE);
    }

    /** RFC 2152 encoding, the simple way: printable ASCII but + as itself, everything else in base64 runs. */
    private static String encode(String text) {
        StringBuilder utf7 = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '+') {
                utf7.append("+-");
                i++;
            } else if (direct(c)) {
                utf7.append(c);
                i++;
            } else {
                int end = i;
                while (end < text.length() && !direct(text.charAt(end)) && text.charAt(end) != '+') {
                    end++;
                }
                byte[] utf16 = text.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
                utf7.append('+').append(Base64.getEncoder().withoutPadding().encodeToString(utf16)).append('-');
                i = end;
            }
        }
        return utf7.toString();
    }

    private static boolean direct(char c) {
        return c >= 0x20 && c < 0x7f && c != '\\' && c != '~' && c != '+';
    }
}
