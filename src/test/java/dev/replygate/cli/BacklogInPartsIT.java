package dev.replygate.cli;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13, point 3: a daemon's poll run reads {@code batches-per-run} batches at most, and with mail left asks
 * for the mailbox's next run at once (not at the poll interval), which goes on where it stopped; {@code run
 * --once} reads on until the mailbox is empty. Every message is read once.
 */
class BacklogInPartsIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final int BACKLOG = 12;
    /** Two messages a run: six runs for the backlog. */
    private static final String SMALL_RUNS = """
                poll-interval: 1h
                idle: false
                new-mail: ignore
                batch-size: 2
                batches-per-run: 1
            """;
    /** Far below the poll interval: runs after the first can only have been asked for. */
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Pattern PROCESSED = Pattern.compile("\\[mailbox=support] - found \\d+, processed (\\d+)");

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private GreenMailUser support;
    private Path config;

    @BeforeEach
    void backlog() throws MessagingException {
        support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        for (int n = 1; n <= BACKLOG; n++) {
            support.deliver(CustomerMail.of("""
                    From: Customer %d <customer%d@example.net>
                    To: %s
                    Subject: A question, number %d
                    Message-ID: <backlog-%d@example.net>
                    Content-Type: text/plain

                    Hello.
                    """.formatted(n, n, SUPPORT, n, n)));
        }
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        TestConfigFile.appendSupportMailbox(config, greenMail.getImap().getPort(), SMALL_RUNS, "");
    }

    @Test
    void theDaemonReadsABacklogInRunsThatEachAskForTheNextAtOnce() throws Exception {
        try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            await().atMost(LIMIT).until(() -> inbox() == 0 && processed(daemon.stderr()).stream()
                    .mapToInt(Integer::intValue).sum() == BACKLOG);

            List<Integer> runs = processed(daemon.stderr());
            assertThat(runs).as(daemon.stderr()).startsWith(2, 2, 2, 2, 2, 2);
            assertThat(daemon.stderr()).contains("stopped with 10 left for the next run")
                    .contains("stopped with 2 left for the next run");
            assertThat(daemon.terminate(LIMIT)).as(daemon.output()).isIn(0, 143);
        }
        assertThat(ignored()).as("every message moved once").isEqualTo(BACKLOG);
    }

    @Test
    void runOnceReadsOnUntilTheMailboxIsEmpty() throws Exception {
        ReplygateJar.Result run = ReplygateJar.run(folder, "run", "--once", "--config", config.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(processed(run.stderr())).as(run.stderr()).startsWith(2, 2, 2, 2, 2, 2);
        assertThat(run.stderr()).contains("stopped with 2 left for the next run");
        assertThat(inbox()).isZero();
        assertThat(ignored()).isEqualTo(BACKLOG);
    }

    private int inbox() throws FolderException {
        return greenMail.getManagers().getImapHostManager().getInbox(support).getMessageCount();
    }

    private int ignored() throws FolderException {
        MailFolder ignored = greenMail.getManagers().getImapHostManager().getFolder(support, "replygate.Ignored");
        return ignored == null ? 0 : ignored.getMessageCount();
    }

    /** The messages each run over the mailbox processed, in the order of their log lines. */
    private static List<Integer> processed(String log) {
        List<Integer> runs = new ArrayList<>();
        Matcher matcher = PROCESSED.matcher(log);
        while (matcher.find()) {
            runs.add(Integer.parseInt(matcher.group(1)));
        }
        return runs;
    }
}
