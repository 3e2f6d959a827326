package dev.replygate.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import static dev.replygate.parse.TestMails.crlf;
import static dev.replygate.parse.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Input that is broken or built to hurt: each is parsed with problems, or refused with a clear reason. */
@Timeout(30)
class HostileInputTest {

    @Test
    void fiveThousandHeaderFieldsAreRefused() {
        StringBuilder message = new StringBuilder("From: a@example.com\n");
        for (int i = 0; i < 5000; i++) {
            message.append("X-Field-").append(i).append(": value\n");
        }
        message.append("\nbody\n");

        assertThatThrownBy(() -> parse(message.toString()))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("more than 1000 header fields in one header (ParseLimits.maxHeaderFields)");
    }

    @Test
    void aOneMegabyteHeaderLineIsRefused() {
        String message = "From: a@example.com\nSubject: " + "x".repeat(1 << 20) + "\n\nbody\n";

        assertThatThrownBy(() -> parse(message))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("a header field longer than 65536 bytes (ParseLimits.maxHeaderFieldBytes)");
    }

    @Test
    void aOneMegabyteHeaderFoldedOverManyLinesIsRefused() {
        String message = "From: a@example.com\nReferences:" + " <id@example.com>\n".repeat(60_000) + "\nbody\n";

        assertThatThrownBy(() -> parse(message))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessageContaining("ParseLimits.maxHeaderFieldBytes");
    }

    @Test
    void aHeaderLargerThanTheLimitInAllIsRefused() {
        String message = "From: a@example.com\n" + ("X-Big: " + "y".repeat(60_000) + "\n").repeat(20) + "\nbody\n";

        assertThatThrownBy(() -> parse(message))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("header larger than 1048576 bytes (ParseLimits.maxHeaderBytes)");
    }

    @Test
    void anEndlessLineInAPartHeaderStopsTheBodyButKeepsTheMessage() throws Exception {
        String message = """
                From: a@example.com
                Subject: still readable
                Content-Type: multipart/mixed; boundary=b

                --b

                the text
                --b
                X-Endless: %s
                --b--
                """.formatted("z".repeat(5 << 20));

        ParsedMail mail = parse(message);

        assertThat(mail.subject()).isEqualTo("still readable");
        assertThat(mail.text()).isEqualTo("the text");
        assertThat(mail.size()).isEqualTo(crlf(message).length);
        assertThat(mail.problems()).contains(
                "body not read to the end: a header field longer than 65536 bytes (ParseLimits.maxHeaderFieldBytes)");
    }

    @Test
    void aBodyThatIsOneEndlessLineIsReadBounded() throws Exception {
        ParsedMail mail = parse("From: a@example.com\n\n" + "w".repeat(3 << 20));

        assertThat(mail.text()).hasSize(100_000);
        assertThat(mail.textTruncated()).isTrue();
        // plus the line feed LongLineBreaker adds at each MiB
        assertThat(mail.parts().get(0).size()).isBetween(3L << 20, (3L << 20) + 3);
    }

    @Test
    void nulBytesNeverReachTheResult() throws Exception {
        byte[] message = "From: a@example.com\r\nSubject: a\0b\r\nX-\0Bad: x\r\n\r\nbody\0text\r\n"
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMail mail = TestMails.parse(message);

        assertThat(mail.subject()).isEqualTo("ab");
        assertThat(mail.text()).isEqualTo("bodytext\n");
        assertThat(mail.headers()).noneSatisfy(header -> assertThat(header.name() + header.value()).contains("\0"));
        assertThat(mail.problems()).contains("header: Invalid header encountered");
    }

    @Test
    void aMessageCutInTheMiddleOfAPartIsKept() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                the beginning
                --b
                Content-Type: application/pdf
                Content-Transfer-Encoding: base64

                JVBERi0xLjQKJe""");

        assertThat(mail.text()).isEqualTo("the beginning");
        assertThat(mail.parts()).hasSize(2);
        assertThat(mail.problems()).anySatisfy(p -> assertThat(p).contains("ended prematurely"));
    }

    @Test
    void aBoundaryThatNeverComesLeavesNoPartButTheMessage() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Subject: lost
                Content-Type: multipart/mixed; boundary=never

                --other
                Content-Type: text/plain

                text that is only a preamble
                --other--
                """);

        assertThat(mail.subject()).isEqualTo("lost");
        assertThat(mail.mimeType()).isEqualTo("multipart/mixed");
        assertThat(mail.parts()).isEmpty();
        assertThat(mail.text()).isEmpty();
    }

    @Test
    void badBase64AndQuotedPrintableAreProblemsNotFailures() throws Exception {
        ParsedMail mail = parse("""
                From: a@example.com
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                broken =ZZ escape and =C3
                --b
                Content-Type: application/octet-stream
                Content-Transfer-Encoding: base64

                QUJD!!!!RE=V=G
                --b--
                """);

        assertThat(mail.text()).startsWith("broken =ZZ escape and ");
        assertThat(mail.problems()).contains("part 1: Malformed encoded value encountered")
                .anySatisfy(p -> assertThat(p).startsWith("part 2: Unexpected base64 byte"));
    }

    @Test
    void emptyInputIsNotAMail() {
        assertThatThrownBy(() -> TestMails.parse(new byte[0]))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("empty input: no bytes");
    }

    @Test
    void bytesWithoutAHeaderAreNotAMail() {
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        for (int i = 0; i < binary.length; i += 70) {
            binary[i] = '\n';
        }

        assertThatThrownBy(() -> TestMails.parse(binary))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("no header field: not a mail");
        assertThatThrownBy(() -> parse("\nthe header is missing\n"))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("no header field: not a mail");
    }

    @Test
    void aFailingSourceIsAnIoErrorNotABadMessage() {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(crlf("From: a@example.com\n\nbo")),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });

        assertThatThrownBy(() -> new MailParser().parse(failing))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset");
    }

    @Test
    void bareCrLineEndsAreRead() throws Exception {
        byte[] message = "From: a@example.com\rSubject: old mac\r\rline one\rline two\r".getBytes(StandardCharsets.US_ASCII);

        ParsedMail mail = TestMails.parse(message);

        assertThat(mail.subject()).isEqualTo("old mac");
        assertThat(mail.text()).isEqualTo("line one\nline two\n");
        assertThat(mail.size()).isEqualTo(message.length);
        assertThat(mail.problems()).containsExactly("bare CR line ends, read as CRLF");
    }

    @Test
    void bareCrMailIsReadOnceFromAStreamThatCanGoBack() throws Exception {
        byte[] message = "From: a@example.com\rSubject: old mac\r\rline one\rline two\r".getBytes(StandardCharsets.US_ASCII);
        MessageDigest seen = MessageDigest.getInstance("SHA-256");
        InputStream hashed = new DigestInputStream(new ByteArrayInputStream(message), seen);

        ParsedMail mail = new MailParser().parse(hashed);

        assertThat(mail.text()).isEqualTo("line one\nline two\n");
        assertThat(mail.size()).isEqualTo(message.length);
        assertThat(mail.problems()).containsExactly("bare CR line ends, read as CRLF");
        assertThat(seen.digest()).as("each byte hashed once").isEqualTo(MessageDigest.getInstance("SHA-256").digest(message));
    }

    @Test
    void aCrInTheFirstLineBeforeItsLfIsNoBareCrMail() throws Exception {
        byte[] message = ("From: a@example.com\rX: y\nSubject: s\n\n" + "body\r\n".repeat(3000))
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMail mail = TestMails.parse(message);

        assertThat(mail.problems()).doesNotContain("bare CR line ends, read as CRLF");
        assertThat(mail.size()).isEqualTo(message.length);
    }

    @Test
    void tenThousandNestedMultipartsAreReadPastBeyondTheDepthLimit() throws Exception {
        int levels = 10_000;
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        // boundaries that are no prefix of one another, as real ones are random
        message.writeBytes(crlf("From: a@example.com\nContent-Type: multipart/mixed; boundary=b0z\n\n"));
        for (int i = 1; i < levels; i++) {
            message.writeBytes(crlf("--b" + (i - 1) + "z\nContent-Type: multipart/mixed; boundary=b" + i + "z\n\n"));
        }
        message.writeBytes(crlf("--b" + (levels - 1) + "z\n\ndeep\n"));

        ParsedMail mail = TestMails.parse(message.toByteArray());

        assertThat(mail.parts()).hasSize(1);
        assertThat(mail.problems()).anySatisfy(p -> assertThat(p).contains("ParseLimits.maxDepth"));
    }

    @Test
    void aHundredThousandPartsAreCountedNotKept() throws Exception {
        StringBuilder message = new StringBuilder("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n");
        message.append("--b\n\nx\n".repeat(100_000)).append("--b--\n");

        ParsedMail mail = parse(message.toString());

        assertThat(mail.parts()).hasSize(500);
        assertThat(mail.problems()).containsExactly("more than 500 MIME parts, the rest read past (ParseLimits.maxParts)");
    }

    @Test
    void problemsAreBounded() throws Exception {
        StringBuilder message = new StringBuilder("From: a@example.com\n");
        for (int i = 0; i < 300; i++) {
            message.append("X-Label: =?x-unknown-").append(i).append("?Q?a?=\n");
        }
        message.append("\nbody\n");

        ParsedMail mail = parse(message.toString());

        assertThat(mail.problems()).hasSize(101).last().asString().endsWith("more problems not recorded");
    }
}
