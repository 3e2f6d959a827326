package dev.replygate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import dev.replygate.testsupport.Corpus;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code explain} offline on real and broken files, and {@code run --once} when one mailbox fails. */
class ExplainAndRunOnceIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;

    @TempDir
    Path folder;

    private GreenMail greenMail;

    @BeforeEach
    void startMailServer() {
        greenMail = LoopbackGreenMail.smtpAndImap();
    }

    @AfterEach
    void stopMailServer() {
        greenMail.stop();
    }

    @Test
    void explainPrintsOneJsonLinePerFileWhateverTheInputAndExitsZero() throws Exception {
        Path corpus = Corpus.root().resolve("sisimai-set-of-emails").resolve("maildir");
        Path bounce = corpus.resolve("bsd").resolve("rfc3464-01.eml");
        Path personal = corpus.resolve("not").resolve("is-not-bounce-01.eml");
        Path empty = Files.writeString(folder.resolve("empty.eml"), "");
        Path missing = folder.resolve("no-such.eml");
        Path bounceFile = Files.exists(bounce) ? bounce : firstFileIn(corpus.resolve("bsd"));

        ReplygateJar.Result result = ReplygateJar.run(folder, "explain", bounceFile.toString(), personal.toString(),
                empty.toString(), missing.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.stdout().strip().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(4);
        for (JsonNode line : lines) {
            assertThat(line.has("file") && line.has("class") && line.has("action") && line.has("ticket")
                    && line.get("reasons").isArray()).as(line.toString()).isTrue();
        }
        assertThat(lines.get(0).get("class").asText()).as(lines.get(0).toString()).isEqualTo("bounce");
        assertThat(lines.get(0).get("action").asText()).isEqualTo("ignore");
        assertThat(lines.get(0).get("reasons").size()).isPositive();
        assertThat(lines.get(1).get("class").asText()).isEqualTo("new");
        assertThat(lines.get(2).get("class").asText()).isEqualTo("unparseable");
        assertThat(lines.get(2).get("action").asText()).isEqualTo("quarantine");
        assertThat(lines.get(3).get("class").asText()).isEqualTo("unparseable");
        assertThat(lines.get(3).get("reasons").get(0).get("rule").asText()).isEqualTo("read-failed");
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
        assertThat(result.stderr()).contains("mailbox support: found 1, processed 1 (redirected 0, ignored 1")
                .contains("mailbox failed: broken");
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(support).getMessageCount())
                .as("the good mailbox was emptied although the broken one failed first").isZero();
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
