package dev.replygate.mailbox;

import dev.replygate.testsupport.DovecotServer;
import dev.replygate.testsupport.JavaProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message with a 50 MB attachment passes through the mailbox layer in a JVM with a 64 MB heap:
 * it is streamed, never held whole. The reader runs in a child JVM so its heap is really that small.
 * IMAP is read from a real Dovecot (GreenMail serves each partial FETCH of so large a message slowly
 * enough to take a minute of a CI run), POP3 from GreenMail.
 */
class LargeMessageIT {

    private static final int ATTACHMENT_BYTES = 50 * 1024 * 1024;
    private static final long MAX_HEAP = 64L * 1024 * 1024;

    private static byte[] raw;

    @BeforeAll
    static void makeALargeMessage() {
        raw = largeMessage();
    }

    @AfterAll
    static void forget() {
        raw = null;
    }

    @Test
    void aFiftyMegabyteAttachmentStreamsOverImapFromDovecot(@TempDir Path workDir) throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(); DovecotMailbox mailbox = new DovecotMailbox(dovecot)) {
            mailbox.deliver(new String(raw, StandardCharsets.US_ASCII));
            streamsThroughA64MegabyteHeap(workDir, "imap", dovecot.imapPort(), DovecotServer.USER,
                    DovecotServer.PASSWORD);
        }
    }

    @Test
    void aFiftyMegabyteAttachmentStreamsOverPop3FromGreenMail(@TempDir Path workDir) throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            server.deliver(new String(raw, StandardCharsets.US_ASCII));
            streamsThroughA64MegabyteHeap(workDir, "pop3", server.pop3Port(), TestMailServer.ADDRESS,
                    TestMailServer.PASSWORD);
        }
    }

    private static void streamsThroughA64MegabyteHeap(Path workDir, String protocol, int port, String user,
            String password) throws Exception {
        // the service's JVM options (its collector among them), the heap cut to 64 MB
        JavaProcess.Result result = JavaProcess.run(LargeMessageReader.class, List.of("-Xmx64m"), workDir,
                Duration.ofMinutes(10), protocol, Integer.toString(port), user, password);

        assertThat(result.exitCode()).as(result.output()).isZero();
        String line = result.output().lines().filter(l -> l.startsWith("max-heap=")).findFirst().orElseThrow();
        long maxHeap = Long.parseLong(line.substring("max-heap=".length(), line.indexOf(' ')));
        assertThat(maxHeap).isLessThanOrEqualTo(MAX_HEAP);
        assertThat(line).contains("processed=1 failure=none bytes=" + raw.length + " sha256=" + sha256(raw));
        assertThat(raw.length).isGreaterThan(ATTACHMENT_BYTES);
    }

    /** A message with a 50 MB attachment (random bytes, so nothing compresses it), base64 encoded. */
    private static byte[] largeMessage() {
        ByteArrayOutputStream message = new ByteArrayOutputStream(ATTACHMENT_BYTES / 3 * 4 + 3 * 1024 * 1024);
        message.writeBytes(("""
                From: Customer <customer@customer.test>
                To: support@replygate.test
                Subject: Re: [Ticket ID: 1] the log file you asked for
                Message-ID: <large.test@customer.test>
                Date: Mon, 2 Jun 2025 10:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Here it is.
                --b1
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename="server.log"
                Content-Transfer-Encoding: base64

                """).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(42);
        byte[] chunk = new byte[57 * 1000];
        Base64.Encoder mime = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
        int written = 0;
        while (written < ATTACHMENT_BYTES) {
            random.nextBytes(chunk);
            message.writeBytes(mime.encode(chunk));
            message.writeBytes(new byte[] {'\r', '\n'});
            written += chunk.length;
        }
        message.writeBytes("--b1--\r\n".getBytes(StandardCharsets.US_ASCII));
        return message.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
