package dev.replygate.inbound;

import dev.replygate.cli.ReplygateJar;
import jakarta.mail.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.2: {@code run --once} delivers while it still reads the mailbox, a delivery batch at a time. Seen
 * from the mail server: when the first answer arrives by SMTP, the support INBOX still holds messages of
 * batches not read yet; and at the end every message got exactly one answer.
 */
class RunOnceDeliversWhileReadingIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String MX = "mx.hosting.test";
    private static final int MESSAGES = 200;
    private static final int BATCH = 10;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void answersReachTheSmtpServerBeforeTheLastMessageIsReadAndEachMessageIsAnsweredOnce() throws Exception {
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String customer = customer(i);
            mail.addMailbox(customer);
            requests.add(MailProgram.authenticated(MX, customer, SUPPORT, "Hello " + i));
        }
        mail.deliverDirectly(SUPPORT, "INBOX", requests);
        Path config = new InstanceConfig(dir, mail).trust(MX).delivery("batch-size: " + 2 * BATCH)
                .inbound("max-answers-per-domain-per-hour: 100000\nmax-answers-per-mailbox-per-hour: 100000")
                .imapMailbox("support", SUPPORT, "batch-size: " + BATCH).write();

        long unreadAtFirstAnswer;
        try (ReplygateJar.Daemon once = ReplygateJar.start(dir, "run", "--once", "--config", config.toString())) {
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            while (answersReceived() == 0 && once.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // read after the first answer was seen: the INBOX only shrinks, so it held at least this many then
            unreadAtFirstAnswer = unread();
            ReplygateJar.Result result = once.await(RUN_LIMIT);
            assertThat(result.exitCode()).as(result.describe()).isZero();
        }

        assertThat(unreadAtFirstAnswer)
                .as("messages of batches not read yet when the first answer reached the SMTP server")
                .isGreaterThan(BATCH);
        assertThat(unread()).isZero();
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(mail.stored(customer(i), "INBOX")).as("answers to %s", customer(i)).hasSize(1);
        }
    }

    /** The answers the SMTP server received so far, in the customers' mailboxes. */
    private int answersReceived() {
        int received = 0;
        for (int i = 0; i < MESSAGES; i++) {
            received += mail.stored(customer(i), "INBOX").size();
        }
        return received;
    }

    /**
     * The messages in the support INBOX not moved yet (a move may leave a copy flagged \Deleted a while). GreenMail
     * hands out a live view of its list, so reading it while replygate expunges can meet null for a message gone.
     */
    private long unread() {
        return mail.stored(SUPPORT, "INBOX").stream()
                .filter(m -> m != null && !m.getFlags().contains(Flags.Flag.DELETED)).count();
    }

    private static String customer(int i) {
        return "customer" + i + "@customer.test";
    }
}
