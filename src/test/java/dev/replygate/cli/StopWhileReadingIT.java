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
 * Stops while mailboxes are read. {@code run --once} (from cron, or a systemd timer that stops it) told to stop by SIGTERM while it reads a backlog:
 * it ends after the batch going on with that batch recorded, leaves the next mailbox unread, the answers not yet sent
 * stay queued, and the next run reads the rest and sends every answer, each once. The IMAP server's answers are held
 * from the start until the signal is taken, so the signal always falls before the first batch ends.
 */
class StopWhileReadingIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final String SALES = "sales@hosting.test";
    private static final int BACKLOG = 40;
    private static final int BATCH = 2;
    /** Runs of three batches: the stop ends a run between two of its batches, not only between runs. */
    private static final String SMALL_RUNS = """
                poll-interval: 1h
                idle: false
                batch-size: 2
                batches-per-run: 3
            """;
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private GreenMailUser support;
    private GreenMailUser sales;
    private CuttingProxy imap;
    private Path config;

    @BeforeEach
    void backlog() throws Exception {
        support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        sales = greenMail.setUser(SALES, SALES, SALES);
        for (int n = 1; n <= BACKLOG; n++) {
            GreenMailUser to = n <= BACKLOG - BATCH ? support : sales;
            to.deliver(CustomerMail.of("""
                    Return-Path: <customer%d@example.net>
                    Authentication-Results: mx.hosting.test; spf=pass smtp.mailfrom=customer%d@example.net
                    From: Customer %d <customer%d@example.net>
                    To: %s
                    Subject: A question, number %d
                    Message-ID: <stop-%d@example.net>
                    Content-Type: text/plain

                    Hello.
                    """.formatted(n, n, n, n, to.getEmail(), n, n)));
        }
        imap = new CuttingProxy(greenMail.getImap().getPort());
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        TestConfigFile.appendSupportMailbox(config, imap.port(), SMALL_RUNS
                + TestConfigFile.mailboxItem("sales", imap.port(), "none", SALES, "    password: " + SALES + "\n")
                + SMALL_RUNS, """
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
            imap.hold();
            try {
                await("connected to the held server: the store is open, the signals handled").atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(20))
                        .failFast("the run ended", () -> !once.isAlive())
                        .until(() -> imap.connections() >= 1);
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
        assertThat(inbox(support)).as("one batch read, the run ended before its second:%n%s", stopped.describe())
                .isEqualTo(BACKLOG - 2 * BATCH);
        assertThat(inbox(sales)).as("the next mailbox not read").isEqualTo(BATCH);

        ReplygateJar.Result next = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(next.exitCode()).as(next.describe()).isZero();
        assertThat(inbox(support) + inbox(sales)).isZero();
        List<String> answered = inReplyTo();
        assertThat(answered).as("one answer to each message:%n%s", next.describe()).hasSize(BACKLOG)
                .doesNotHaveDuplicates();
    }

    /**
     * The daemon, SIGTERM while both mailboxes' first polls wait for the server: each poll ends after its first batch
     * (not after the three of its part), and the daemon stops with 0; the next start reads the rest.
     */
    @Test
    void aStoppingDaemonEndsEachPollAfterTheBatchGoingOn() throws Exception {
        ReplygateJar.Result stopped;
        try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            imap.hold();
            try {
                await("both polls connected to the held server").atMost(LIMIT).pollInterval(Duration.ofMillis(20))
                        .failFast("the daemon ended", () -> !daemon.isAlive())
                        .until(() -> imap.connections() >= 2);
                daemon.signal("TERM");
                await("the signal taken").atMost(LIMIT).pollInterval(Duration.ofMillis(20))
                        .failFast("the daemon ended", () -> !daemon.isAlive())
                        .until(() -> daemon.stderr().contains("stopping on SIGTERM"));
            } finally {
                imap.release();
            }
            stopped = daemon.await(LIMIT);
        }

        assertThat(stopped.exitCode()).as(stopped.describe()).isZero();
        assertThat(stopped.stderr()).as(stopped.describe())
                .contains("[mailbox=support] - found 38, processed 2", "stopped with 36 left for the next run",
                        "replygate stopped")
                .doesNotContain("ERROR");
        assertThat(inbox(support)).as("one batch read, not the part of three").isEqualTo(BACKLOG - 2 * BATCH);
        assertThat(inbox(sales)).isZero();

        ReplygateJar.Result next = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(next.exitCode()).as(next.describe()).isZero();
        assertThat(inReplyTo()).as("one answer to each message:%n%s", next.describe()).hasSize(BACKLOG)
                .doesNotHaveDuplicates();
    }

    private int inbox(GreenMailUser user) throws FolderException {
        return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
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
