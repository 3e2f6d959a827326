package dev.replygate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.testsupport.Corpus;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code explain} on real, broken and missing files; {@code explain --config} and {@code run} agreeing on
 * a reply to a notification on record, explain reading the store read-only (its files the same bytes
 * after it; a store that does not exist not made) or, without one, saying what would happen were the
 * notification on record (issue 9, point 7); and {@code run --once} when one mailbox fails.
 */
class ExplainAndRunOnceIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final String CUSTOMER = "sara@customer.test";

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();

    @Test
    void explainPrintsOneJsonLinePerFileAndExitsOneAtTheEndWhenAFileCannotBeRead() throws Exception {
        Path corpus = Corpus.root().resolve("sisimai-set-of-emails").resolve("maildir");
        Path bounce = corpus.resolve("bsd").resolve("rfc3464-01.eml");
        Path personal = corpus.resolve("not").resolve("is-not-bounce-01.eml");
        Path empty = Files.writeString(folder.resolve("empty.eml"), "");
        Path missing = folder.resolve("no-such.eml");
        Path bounceFile = Files.exists(bounce) ? bounce : firstFileIn(corpus.resolve("bsd"));

        ReplygateJar.Result result = ReplygateJar.run(folder, "explain", bounceFile.toString(), personal.toString(),
                empty.toString(), missing.toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.stdout().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(4);
        for (JsonNode line : lines.subList(0, 3)) {
            assertThat(line.has("file") && line.has("class") && line.has("action") && line.has("ticket")
                    && line.get("reasons").isArray()).as(line.toString()).isTrue();
        }
        assertThat(lines.get(0).get("class").asText()).as(lines.get(0).toString()).isEqualTo("bounce");
        assertThat(lines.get(0).get("action").asText()).isEqualTo("ignore");
        assertThat(lines.get(0).get("reasons").size()).isPositive();
        assertThat(lines.get(1).get("class").asText()).isEqualTo("new");
        assertThat(lines.get(2).get("class").asText()).isEqualTo("unparseable");
        assertThat(lines.get(2).get("action").asText()).isEqualTo("quarantine");
        assertThat(lines.get(3).has("class")).as("a file that cannot be read is no mail class").isFalse();
        assertThat(lines.get(3).get("file").asText()).isEqualTo(missing.toString());
        assertThat(lines.get(3).get("error").asText()).startsWith("NoSuchFileException: ");
    }

    @Test
    void runOnceReportsAFailingMailboxAfterTheOthersRan() throws Exception {
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        support.deliver(message("""
                Return-Path: <away@customer.test>
                From: <away@customer.test>
                To: %s
                Subject: Out of Office: Ticket #1
                Message-ID: <ooo-1@customer.test>
                Auto-Submitted: auto-replied
                Content-Type: text/plain

                I am away.
                """.formatted(SUPPORT)));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        Files.writeString(config, """
                mailboxes:
                  - name: broken
                    protocol: imap
                    host: 127.0.0.1
                    port: %d
                    security: none
                    username: nobody
                    password: nothing
                    addresses: [broken@hosting.test]
                  - name: support
                    protocol: imap
                    host: 127.0.0.1
                    port: %d
                    security: none
                    username: %s
                    password: %s
                    addresses: [%s]
                """.formatted(closedPort, greenMail.getImap().getPort(), SUPPORT, SUPPORT, SUPPORT),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        ReplygateJar.Result result = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).contains("[mailbox=support] - found 1, processed 1 (redirected 0, ignored 1")
                .contains("mailbox failed: broken");
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(support).getMessageCount())
                .as("the good mailbox was emptied although the broken one failed first").isZero();
    }

    @Test
    void explainReadsTheNotificationsOnRecordWithoutWritingTheStoreAndAgreesWithRun() throws Exception {
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        TestConfigFile.appendSupportMailbox(config, greenMail.getImap().getPort(), "", "");
        MimeMessage replyMail = CustomerMail.replyTo(notify(folder, config, "482913"), CUSTOMER, SUPPORT);
        Path reply = saved(replyMail);
        Map<String, String> before = filesOf(TestConfigFile.storeFile(folder).getParent());

        ReplygateJar.Result explained = ReplygateJar.run(folder, "explain", "--config", config.toString(),
                reply.toString());

        assertThat(explained.exitCode()).as(explained.describe()).isZero();
        JsonNode line = new ObjectMapper().readTree(explained.stdout().strip());
        assertThat(line.get("action").asText()).as(line.toString()).isEqualTo("redirect");
        assertThat(line.get("answer_to").asText()).isEqualTo(CUSTOMER);
        assertThat(line.has("if_notification_on_record")).isFalse();
        assertThat(filesOf(TestConfigFile.storeFile(folder).getParent())).as("the store's files, byte for byte")
                .isEqualTo(before);

        greenMail.setUser(SUPPORT, SUPPORT, SUPPORT).deliver(replyMail);
        ReplygateJar.Result run = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stderr()).contains("redirected 1");
    }

    @Test
    void withoutAStoreExplainMakesNoneAndSaysWhatWouldHappenWereTheNotificationOnRecord() throws Exception {
        Path withStore = Files.createDirectory(folder.resolve("with-store"));
        Path config = TestConfigFile.write(withStore, greenMail.getSmtp().getPort());
        Path reply = saved(CustomerMail.replyTo(notify(withStore, config, "482914"), CUSTOMER, SUPPORT));
        Path elsewhere = Files.createDirectory(folder.resolve("no-store"));
        Path otherConfig = TestConfigFile.write(elsewhere, greenMail.getSmtp().getPort());

        ReplygateJar.Result explained = ReplygateJar.run(elsewhere, "explain", "--config", otherConfig.toString(),
                reply.toString());

        assertThat(explained.exitCode()).as(explained.describe()).isZero();
        assertThat(TestConfigFile.storeFile(elsewhere)).as("explain made no store").doesNotExist();
        JsonNode line = new ObjectMapper().readTree(explained.stdout().strip());
        assertThat(line.get("action").asText()).as(line.toString()).isEqualTo("ignore");
        assertThat(line.get("reasons").findValuesAsText("rule")).contains("no-answer:unknown-notification");
        assertThat(line.get("if_notification_on_record").get("action").asText()).isEqualTo("redirect");
        assertThat(line.get("if_notification_on_record").get("answer_to").asText())
                .isEqualTo("the address ticket 482914's notification went to");
    }

    /** Queues a notification of {@code ticket} to the customer; returns its Message-ID. */
    private static String notify(Path workDir, Path config, String ticket) {
        ReplygateJar.Result notified = ReplygateJar.run(workDir, "notify", "--config", config.toString(),
                "--ticket", ticket, "--event", "answered", "--to", CUSTOMER, "--name", "Sara", "--locale", "en",
                "--var", "subject=Website is down");
        assertThat(notified.exitCode()).as(notified.describe()).isZero();
        return notified.messageId();
    }

    private Path saved(MimeMessage message) throws Exception {
        Path file = folder.resolve("reply.eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        return file;
    }

    /** Every file under {@code directory} with the SHA-256 of its bytes. */
    private static Map<String, String> filesOf(Path directory) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return files;
    }

    private static MimeMessage message(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static Path firstFileIn(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("rfc3464")).sorted().findFirst()
                    .orElseThrow();
        }
    }
}
