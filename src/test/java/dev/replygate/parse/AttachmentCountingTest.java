package dev.replygate.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import static dev.replygate.parse.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Parts nothing reads are counted from their raw base64, never decoded; the parts read still are. */
class AttachmentCountingTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 56, 57, 58, 4096, 100_001})
    void aBase64AttachmentIsCountedAtItsDecodedSize(int length) throws Exception {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);
        String encoded = Base64.getMimeEncoder().encodeToString(content);

        ParsedMail mail = parse(mixed("Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + encoded));

        assertThat(mail.parts()).hasSize(2);
        assertThat(mail.parts().get(1).size()).isEqualTo(length);
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void theTextAndReportPartsAreStillDecoded() throws Exception {
        String text = b64("Bonjour, où est ma facture ?");
        String status = b64("Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; a@example.com\nAction: failed\n");
        String attached = b64("Message-ID: <n1@replygate.example>\nSubject: hi\n\nbody\n");

        ParsedMail mail = parse(mixed(
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + text,
                "Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n" + status,
                "Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n" + attached,
                "Content-Type: image/png\nContent-Transfer-Encoding: quoted-printable\n\nab=3Dcd"));

        assertThat(mail.text()).isEqualTo("Bonjour, où est ma facture ?");
        assertThat(mail.deliveryStatus()).singleElement().asString().contains("Action: failed");
        assertThat(mail.attachedHeaders()).singleElement().asString().contains("Message-ID: <n1@replygate.example>");
        assertThat(mail.parts().get(4).size()).isEqualTo("ab=cd".length());
    }

    @Test
    void forgedBase64IsReportedOnceAndWhatFollowsThePaddingIsNotCounted() throws Exception {
        ParsedMail mail = parse(mixed(
                "Content-Type: application/zip\nContent-Transfer-Encoding: base64\n\nQUJD!!!!RE\u00e9\u0000x=AAAAAAAAAAAA"));

        // QUJD REx= as mime4j's decoder reads it: 3 + 2 bytes
        assertThat(mail.parts().get(1).size()).isEqualTo(5);
        assertThat(mail.problems()).singleElement().asString().startsWith("part 2: Unexpected base64 byte (");
    }

    @Test
    void aBase64AttachmentCutShortIsReportedAndItsBrokenQuantumDropped() throws Exception {
        ParsedMail mail = parse(mixed("Content-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlh\nAQA",
                "Content-Type: image/gif\nContent-Transfer-Encoding: base64\n\n=QUJD"));

        assertThat(mail.parts().get(1).size()).isEqualTo(6);
        assertThat(mail.parts().get(2).size()).isZero();
        assertThat(mail.problems()).containsExactly("part 2: Unexpected end of BASE64 stream",
                "part 3: Unexpected padding character");
    }

    @Test
    void aHugeBase64AttachmentIsCountedInBoundedMemory() throws Exception {
        String line = "A".repeat(76) + "\n";
        ParsedMail mail = parse(mixed("Content-Type: video/mp4\nContent-Transfer-Encoding: BASE64\n\n"
                + line.repeat(100_000)));

        assertThat(mail.parts().get(1).size()).isEqualTo(57L * 100_000);
    }

    /**
     * Letters are counted a block of the stream at a time, eight at a turn; a padding or a stray byte anywhere, at
     * the edges of a turn or of a block, gives what reading byte by byte gives (the oracle below).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 7, 8, 9, 15, 16, 17, 4095, 4096, 8183, 8184, 8190, 8191, 8192, 8193, 8200, 16384, 20000})
    void aPaddingOrAStrayByteAnywhereIsCountedAsByteByByte(int position) throws Exception {
        Random random = new Random(position);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (char odd : new char[] {'=', '!', '*'}) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 24_000; i++) {
                body.append(i == position ? odd : i % 77 == 76 ? '\n' : letters.charAt(random.nextInt(letters.length())));
            }

            ParsedMail mail = parse(mixed("Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + body));

            ByteByByte expected = ByteByByte.of(body.toString());
            assertThat(mail.parts().get(1).size()).as("%s at %d", odd, position).isEqualTo(expected.size());
            assertThat(mail.problems()).as("%s at %d", odd, position).hasSize(expected.problems());
        }
    }

    /** What reading base64 {@code text} a byte at a time gives: its decoded size, and how many problems are told. */
    private record ByteByByte(long size, int problems) {

        static ByteByByte of(String text) {
            long letters = 0;
            boolean padded = false;
            boolean stray = false;
            for (int i = 0; i < text.length() && !padded; i++) {
                char c = text.charAt(i);
                padded = c == '=';
                if (Character.isLetterOrDigit(c) || c == '+' || c == '/') {
                    letters++;
                } else if (c != '\n' && !padded) {
                    stray = true;
                }
            }
            long sextets = letters % 4;
            boolean brokenQuantum = padded ? sextets < 2 : sextets != 0;
            long size = letters / 4 * 3 + (padded && sextets >= 2 ? sextets - 1 : 0);
            return new ByteByByte(size, (stray ? 1 : 0) + (brokenQuantum ? 1 : 0));
        }
    }

    private static String b64(String text) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String mixed(String... parts) {
        StringBuilder mail = new StringBuilder("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/x-note

                first
                """);
        for (String part : parts) {
            mail.append("--b\n").append(part).append('\n');
        }
        return mail.append("--b--\n").toString();
    }
}
