package dev.replygate.mailbox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdCaptureTest {

    private static String readThrough(MessageIdCapture capture, String raw, boolean byteByByte) throws IOException {
        try (InputStream in = capture.wrap(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)))) {
            StringBuilder read = new StringBuilder();
            if (byteByByte) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    read.append((char) b);
                }
            } else {
                byte[] buffer = new byte[7];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    read.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            }
            return read.toString();
        }
    }

    @Test
    void notesTheMessageIdWhilePassingEveryByteThrough() throws IOException {
        String raw = "From: a@example.net\r\nMessage-ID: <abc.123@example.net>\r\nSubject: hi\r\n\r\nbody\r\n";
        for (boolean byteByByte : new boolean[] {true, false}) {
            MessageIdCapture capture = new MessageIdCapture();

            assertThat(readThrough(capture, raw, byteByByte)).isEqualTo(raw);
            assertThat(capture.forLog()).isEqualTo("<abc.123@example.net>");
        }
    }

    @Test
    void readsAFoldedValueWithAnyCaseOfTheFieldName() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();

        readThrough(capture, "message-id:\r\n <folded@example.net> (comment)\r\n\r\n", false);

        assertThat(capture.messageId()).contains("<folded@example.net>");
    }

    @Test
    void aMessageIdInTheBodyIsNotTheMessagesOwn() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();

        readThrough(capture, "Subject: forwarded\n\nMessage-ID: <quoted@example.net>\n", true);

        assertThat(capture.messageId()).isEmpty();
        assertThat(capture.forLog()).isEqualTo("(no Message-ID)");
    }

    @Test
    void aMessageWhoseHeaderWasNeverReadIsNotSaidToLackAMessageId() {
        MessageIdCapture capture = new MessageIdCapture();

        assertThat(capture.forLog()).isEqualTo("(Message-ID not read)");
    }

    @Test
    void looksNoFurtherThanTheHeaderLimit() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();
        String padding = ("X-Padding: " + "x".repeat(70) + "\r\n").repeat(MessageIdCapture.MAX_HEADER_BYTES / 80 + 1);

        readThrough(capture, padding + "Message-ID: <late@example.net>\r\n\r\n", false);

        assertThat(capture.messageId()).isEmpty();
    }

    @Test
    void aHostileValueCannotBreakALogLine() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();

        readThrough(capture, "Message-ID: <a\u0007b\u001b[31m@x>\r\n\r\n", false);

        assertThat(capture.forLog()).isEqualTo("<ab[31m@x>");
        assertThat(MessageIdCapture.clean(" " + "y".repeat(500))).hasSize(200);
        assertThat(MessageIdCapture.clean("no brackets here")).isEqualTo("nobracketshere");
    }

    @Test
    void aMessageEndingInsideTheHeaderStillGivesItsMessageId() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();

        readThrough(capture, "Subject: x\nMessage-ID: <end@example.net>", true);

        assertThat(capture.messageId()).contains("<end@example.net>");
    }

    @Test
    void theFirstMessageIdCountsWhenTheStreamIsOpenedAgain() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();
        readThrough(capture, "Message-ID: <first@example.net>\n\n", false);

        readThrough(capture, "Message-ID: <second@example.net>\n\n", false);

        assertThat(capture.messageId()).contains("<first@example.net>");
    }

    @Test
    void notesWhetherTheHeaderHasAReturnPathWhereverItStands() throws IOException {
        String first = "Return-Path: <a@example.net>\r\nMessage-ID: <1@example.net>\r\n\r\nbody\r\n";
        String later = "Message-ID: <2@example.net>\r\nX-Note: x\r\nreturn-path :\r\n <a@example.net>\r\n\r\nbody\r\n";
        String none = "Message-ID: <3@example.net>\r\nFrom: a@example.net\r\n\r\nReturn-Path: <in the body>\r\n";
        String bodyless = "From: a@example.net\r\nSubject: no body, no blank line";
        for (boolean byteByByte : new boolean[] {true, false}) {
            assertThat(returnPathOf(first, byteByByte)).contains(true);
            assertThat(returnPathOf(later, byteByByte)).contains(true);
            assertThat(returnPathOf(none, byteByByte)).contains(false);
            assertThat(returnPathOf(bodyless, byteByByte)).contains(false);
        }
    }

    @Test
    void saysNothingOfTheReturnPathUntilTheWholeHeaderWasRead() throws IOException {
        MessageIdCapture capture = new MessageIdCapture();
        try (InputStream in = capture.wrap(new ByteArrayInputStream(
                "Message-ID: <4@example.net>\r\nFrom: a@example.net\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))) {
            in.readNBytes(50);
        }
        assertThat(capture.forLog()).isEqualTo("<4@example.net>");
        assertThat(capture.hasReturnPath()).isEmpty();

        MessageIdCapture flooded = new MessageIdCapture();
        readThrough(flooded, "X-Junk: " + "x".repeat(MessageIdCapture.MAX_HEADER_BYTES) + "\r\nReturn-Path: <a@b>\r\n\r\n",
                false);
        assertThat(flooded.hasReturnPath()).as("a header past the limit is not judged").isEmpty();
    }

    private static java.util.Optional<Boolean> returnPathOf(String raw, boolean byteByByte) throws IOException {
        MessageIdCapture capture = new MessageIdCapture();
        readThrough(capture, raw, byteByByte);
        return capture.hasReturnPath();
    }
}
