package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.notify.NotificationRequest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's bounded-memory and bad-input acceptance, end to end: the jar runs {@code run --once} with a
 * 64 MB heap ({@code -Xmx64m}) on a support mailbox that holds a customer's signed reply with a 50 MB
 * attachment, then mail with broken MIME, bad charset labels, 5 000 header fields, a 1 MB header line and
 * NUL bytes, then a valid signed reply. Each message is processed or quarantined (none stays in the INBOX,
 * none is lost), the process exits 0, and both signed replies get their redirect.
 */
class BigAndBrokenMailIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String SARA = "sara@customer.test";
    private static final String JOHN = "john@customer.test";
    private static final String STRANGER = "someone@customer.test";
    private static final long ATTACHMENT_BYTES = 50L * 1024 * 1024;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private MailWorld mail;
    private InstanceConfig instance;
    private Path config;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(SARA).addMailbox(JOHN);
        instance = new InstanceConfig(dir, mail).imapMailbox("support", SUPPORT, "");
        config = instance.write();
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            for (String[] n : new String[][] {{"9001", SARA}, {"9002", JOHN}}) {
                replygate.notificationService().queue(new NotificationRequest(n[0], "answered", n[1], "", "en",
                        Map.of("subject", "Backup restore"), "big-" + n[0]));
            }
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(2);
        }
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aReplyWithAFiftyMegabyteAttachmentIsProcessedInA64MegabyteHeap() throws Exception {
        MimeMessage notification = mail.inbox(SARA).get(0).message();
        Path big = dir.resolve("big-reply.eml");
        writeReplyWithAttachment(big, notification, ATTACHMENT_BYTES);
        assertThat(Files.size(big)).as("the message file").isGreaterThan(ATTACHMENT_BYTES);
        mail.sendFile(big, SARA, SUPPORT);

        ReplygateJar.Result run = ReplygateJar.run(dir, List.of("-Xmx64m"), RUN_LIMIT, "run", "--once", "--config",
                config.toString());

        assertThat(run.exitCode()).as("run --once in 64 MB:%n%s", tail(run.describe())).isZero();
        assertThat(run.stderr()).doesNotContain("OutOfMemoryError");
        assertThat(mail.messageIds(SUPPORT, "INBOX")).isEmpty();
        assertThat(mail.messageIds(SUPPORT, MailWorld.REDIRECTED)).containsExactly("<big-reply@customer.test>");
        assertThat(mail.inbox(SARA)).as("the notification and the redirect").hasSize(2);
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).singleElement().satisfies(r -> {
                assertThat(r.mailClass()).isEqualTo("reply");
                assertThat(r.action()).isEqualTo("redirect");
            });
        }
    }

    @Test
    void brokenMailIsProcessedOrQuarantinedAndTheNextReplyStillGetsItsRedirect() throws Exception {
        List<String> broken = List.of(brokenMime(), badCharsetLabels(), manyHeaderFields(5_000), longHeaderLine(),
                nulBytes());
        for (String raw : broken) {
            mail.sendRaw(raw.getBytes(StandardCharsets.UTF_8), STRANGER, SUPPORT);
        }
        MimeMessage valid = MailProgram.reply(mail.inbox(JOHN).get(0).message(), "John", JOHN, SUPPORT,
                "The restore did not work.", "UTF-8");
        mail.send(valid, JOHN, SUPPORT);
        assertThat(mail.messageIds(SUPPORT, "INBOX")).as("all arrived").hasSize(broken.size() + 1);
        assertThat(mail.inbox(SUPPORT)).as("the NUL bytes reached the mailbox")
                .anySatisfy(m -> assertThat(new String(m.raw(), StandardCharsets.ISO_8859_1)).contains("before\0after"));

        ReplygateJar.Result run = ReplygateJar.run(dir, List.of("-Xmx64m"), RUN_LIMIT, "run", "--once", "--config",
                config.toString());

        assertThat(run.exitCode()).as("run --once:%n%s", tail(run.describe())).isZero();
        assertThat(mail.messageIds(SUPPORT, "INBOX")).as("left unprocessed").isEmpty();
        int filed = mail.messageIds(SUPPORT, MailWorld.REDIRECTED).size()
                + mail.messageIds(SUPPORT, MailWorld.IGNORED).size()
                + mail.messageIds(SUPPORT, MailWorld.QUARANTINE).size();
        assertThat(filed).as("each message in one disposition folder").isEqualTo(broken.size() + 1);
        assertThat(mail.messageIds(SUPPORT, MailWorld.REDIRECTED)).containsExactly(valid.getMessageID());
        assertThat(mail.inbox(JOHN)).as("the notification and the redirect").hasSize(2);
        assertThat(mail.inbox(JOHN).get(1).header("In-Reply-To")).isEqualTo(valid.getMessageID());
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            List<StoreView.Inbound> records = store.inbound();
            records.forEach(r -> System.out.println("  " + r.messageKey() + " " + r.mailClass() + " -> "
                    + r.disposition() + ": " + r.reasons().replace('\n', ' ')));
            assertThat(records).hasSize(broken.size() + 1);
            assertThat(records.subList(0, broken.size())).allSatisfy(r -> {
                assertThat(r.disposition()).isIn("ignored", "quarantined");
                assertThat(r.answerOutboxId()).isNull();
            });
            assertThat(store.answers()).singleElement().satisfies(a -> assertThat(a.recipient()).isEqualTo(JOHN));
        }
    }

    /** A signed reply to {@code notification} with an attachment of {@code size} bytes, written as it is generated. */
    private static void writeReplyWithAttachment(Path file, MimeMessage notification, long size)
            throws Exception {
        String head = """
                From: Sara <%s>\r
                To: %s\r
                Subject: Re: %s\r
                Message-ID: <big-reply@customer.test>\r
                In-Reply-To: %s\r
                References: %s\r
                Date: Tue, 24 Nov 2026 10:00:00 +0000\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="big-boundary"\r
                \r
                --big-boundary\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                The backup you asked for is attached.\r
                \r
                --big-boundary\r
                Content-Type: application/octet-stream; name="backup.tar"\r
                Content-Disposition: attachment; filename="backup.tar"\r
                Content-Transfer-Encoding: base64\r
                \r
                """.formatted(SARA, SUPPORT, notification.getSubject().replaceAll("[^\\x20-\\x7e]", ""),
                notification.getMessageID(), notification.getMessageID());
        Random random = new Random(42);
        byte[] chunk = new byte[57 * 1024];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            OutputStream base64 = Base64.getMimeEncoder().wrap(new NonClosing(out));
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                base64.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
            base64.close();
            out.write("\r\n--big-boundary--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String brokenMime() {
        return """
                From: <someone@customer.test>\r
                To: support@hosting.test\r
                Subject: broken MIME\r
                Message-ID: <broken-mime@customer.test>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="never-appears"\r
                \r
                The boundary of this body never appears.\r
                --other-boundary\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: base64\r
                \r
                !!!! this is not base64 @@@@\r
                --other-boundary\r
                Content-Type: message/rfc822\r
                \r
                Content-Type: multipart/alternative; boundary=\r
                \r
                --\r
                """;
    }

    private static String badCharsetLabels() {
        return """
                From: =?x-no-such-charset?B?U29tZW9uZQ==?= <someone@customer.test>\r
                To: support@hosting.test\r
                Subject: =?utf-8lol?Q?caf=E9?= =?windows-9999?B?////?=\r
                Message-ID: <bad-charset@customer.test>\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset="x-no-such-charset"\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                caf=E9 =ZZ and a broken soft break=\r
                """;
    }

    private static String manyHeaderFields(int count) {
        StringBuilder raw = new StringBuilder("""
                From: <someone@customer.test>\r
                To: support@hosting.test\r
                Subject: many header fields\r
                Message-ID: <many-headers@customer.test>\r
                """);
        for (int i = 0; i < count; i++) {
            raw.append("X-Filler-").append(i).append(": value ").append(i).append("\r\n");
        }
        return raw.append("\r\nBody after ").append(count).append(" header fields.\r\n").toString();
    }

    private static String longHeaderLine() {
        return """
                From: <someone@customer.test>\r
                To: support@hosting.test\r
                Subject: a 1 MB header line\r
                Message-ID: <long-header@customer.test>\r
                X-Long: %s\r
                \r
                Body.\r
                """.formatted("a".repeat(1024 * 1024));
    }

    private static String nulBytes() {
        return """
                From: <someone@customer.test>\r
                To: support@hosting.test\r
                Subject: NUL\0byte\r
                Message-ID: <nul-byte@customer.test>\r
                Content-Type: text/plain; charset=us-ascii\r
                \r
                before\0after\r
                """;
    }

    private static String tail(String output) {
        return output.length() <= 20_000 ? output : output.substring(output.length() - 20_000);
    }

    /** Lets the base64 encoder be closed (to write its last line) without closing the file. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
