package dev.replygate.cli;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.testsupport.CuttingProxy;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code run --once} (from cron, or a systemd timer that stops it) told to stop by SIGTERM while it reads a backlog:
 * it ends after the batch going on with that batch recorded, the answers not yet sent stay queued, and the next run
 * reads the rest and sends every answer, each once. The IMAP server's answers are held at the moment of the signal,
 * so the signal always falls in the middle of a batch.
 */
class RunOnceStopIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final int BACKLOG = 40;
    private static final String SMALL_RUNS = """
                poll-interval: 1h
                idle: false
                batch-size: 2
                batches-per-run: 1
            """;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private GreenMailUser support;
    private CuttingProxy imap;
    private Path config;

    @BeforeEach
    void backlog() throws Exception {
        support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        for (int n = 1; n <= BACKLOG; n++) {
            support.deliver(CustomerMail.of("""
                    Return-Path: <customer%d@example.net>
                    Authentication-Results: mx.hosting.test; spf=pass smtp.mailfrom=customer%d@example.net
                    From: Customer %d <customer%d@example.net>
                    To: %s
                    Subject: A question, number %d
                    Message-ID: <stop-%d@example.net>
                    Content-Type: text/plain

                    Hello.
                    """.formatted(n, n, n, n, SUPPORT, n, n)));
        }
        imap = new CuttingProxy(greenMail.getImap().getPort());
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        TestConfigFile.appendSupportMailbox(config, imap.port(), SMALL_RUNS, """
                inbound:
                  trusted-authserv-ids: [mx.hosting.test]
                """);
    }

    @AfterEach
    void closeProxy() {
        imap.close();
    }

    @Test
    void aSigtermEndsTheRunAfterTheBatchGoingOnAndTheNextRunSendsEveryAnswerOnce() throws Exception {
        ReplygateJar.Result stopped;
        try (ReplygateJar.Daemon once = ReplygateJar.start(folder, "run", "--once", "--config", config.toString())) {
            await("the first batch read").atMost(LIMIT).pollInterval(Duration.ofMillis(5))
                    .failFast("the run ended", () -> !once.isAlive())
                    .until(() -> once.stderr().contains("[mailbox=support] - found"));
            imap.hold();
            try {
                once.signal("TERM");
                await("the signal taken").atMost(LIMIT).pollInterval(Duration.ofMillis(20))
                        .failFast("the run ended", () -> !once.isAlive())
                        .until(() -> once.stderr().contains("run --once: SIGTERM"));
            } finally {
                imap.release();
            }
            stopped = once.await(LIMIT);
        }

        assertThat(stopped.exitCode()).as(stopped.describe()).isEqualTo(143);
        assertThat(stopped.stderr()).as(stopped.describe()).contains("run --once stopped on SIGTERM")
                .doesNotContain("ERROR", "already closed", "run --once done");
        int left = inbox();
        assertThat(left).as("read in part: %s", stopped.describe()).isBetween(1, BACKLOG - 2);

        ReplygateJar.Result next = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(next.exitCode()).as(next.describe()).isZero();
        assertThat(inbox()).isZero();
        List<String> answered = inReplyTo();
        assertThat(answered).as("one answer to each message (%d received):%n%s", greenMail.getReceivedMessages().length, next.describe()).hasSize(BACKLOG).doesNotHaveDuplicates();
    }

    private int inbox() throws FolderException {
        return greenMail.getManagers().getImapHostManager().getInbox(support).getMessageCount();
    }

    /** The In-Reply-To of every answer the SMTP server received. */
    private List<String> inReplyTo() throws MessagingException {
        List<String> answered = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String[] inReplyTo = message.getHeader("In-Reply-To");
            if (inReplyTo != null && message.getAllRecipients()[0].toString().endsWith("@example.net")) {
                answered.add(inReplyTo[0]);
            }
        }
        return answered;
    }
}
