package dev.replygate.cli;

import dev.replygate.testsupport.LoopbackGreenMail;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 2, CLI: {@code notify} and {@code outbox} work while the daemon runs on the same H2 file
 * (no "database in use") and without it (the daemon delivers on its next start). Three kinds of
 * process, as in production: the daemon, the portal's {@code notify}, an admin's {@code outbox list}.
 */
class DaemonSharingIT {

    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtp();
    private Path config;
    private final List<ReplygateJar.Daemon> daemons = new ArrayList<>();

    @BeforeEach
    void startMailServer() {
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort(), "1s");
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ReplygateJar.Daemon daemon : daemons) {
            daemon.close();
        }
    }

    private ReplygateJar.Result notify(String ticket, String to, String subject) {
        return ReplygateJar.run(folder, "notify", "--config", config.toString(), "--ticket", ticket,
                "--event", "opened", "--to", to, "--name", "Test Customer", "--locale", "en",
                "--var", "subject=" + subject, "--idempotency-key", "portal-" + ticket + "-opened");
    }

    private ReplygateJar.Result outboxList() {
        return ReplygateJar.run(folder, "outbox", "list", "--config", config.toString());
    }

    private ReplygateJar.Daemon startDaemon() {
        ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString());
        daemons.add(daemon);
        return daemon;
    }

    private List<String> receivedMessageIds() throws MessagingException {
        return ReceivedMail.messageIds(greenMail);
    }

    private static void assertNoSharingTrouble(ReplygateJar.Result result) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout() + result.stderr()).as(result.describe())
                .doesNotContainIgnoringCase("database may be already in use")
                .doesNotContainIgnoringCase("locked by another process")
                .doesNotContainIgnoringCase("exception");
    }

    /** Its jobs are in the first daemon's memory: a second would not know them (several nodes need PostgreSQL). */
    @Test
    void aSecondDaemonOnTheSameH2FileIsRefusedWithWhereToGo() throws Exception {
        ReplygateJar.Daemon first = startDaemon();
        await("the first daemon runs").atMost(DELIVERY_LIMIT).pollInterval(Duration.ofMillis(100))
                .failFast("the daemon died", () -> !first.isAlive())
                .until(() -> first.output().contains("replygate running"));

        ReplygateJar.Result second = startDaemon().await(DELIVERY_LIMIT);

        assertThat(second.exitCode()).as(second.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(second.stderr()).as(second.describe())
                .contains("another replygate daemon runs on the H2 store", "use PostgreSQL", "Several nodes")
                .doesNotContain("Exception");
        assertThat(first.isAlive()).isTrue();
        assertNoSharingTrouble(outboxList());
    }

    @Test
    void notifyAndOutboxWorkBesideTheDaemonAndWithoutIt() throws Exception {
        // 1. the daemon is not running: notify queues, nothing is sent
        ReplygateJar.Result before = notify("700001", "early@customer.test", "Queued while the daemon was down");
        assertNoSharingTrouble(before);
        assertThat(before.stdout()).startsWith("queued outbox#");
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        // 2. the daemon starts and delivers what was queued before it ran
        ReplygateJar.Daemon daemon = startDaemon();
        await("the daemon delivers the notification queued while it was down").atMost(DELIVERY_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the daemon died", () -> !daemon.isAlive())
                .until(() -> receivedMessageIds().size() == 1);
        assertThat(receivedMessageIds()).containsExactly("<" + before.messageId() + ">");

        // 3. while it runs, other processes use the same H2 file
        ReplygateJar.Result during = notify("700002", "late@customer.test", "Queued while the daemon runs");
        assertNoSharingTrouble(during);
        ReplygateJar.Result listDuring = outboxList();
        assertNoSharingTrouble(listDuring);
        assertThat(listDuring.stdout()).contains("early@customer.test", "late@customer.test", "2 item(s)");

        await("the running daemon delivers the notification queued beside it").atMost(DELIVERY_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the daemon died", () -> !daemon.isAlive())
                .until(() -> receivedMessageIds().size() == 2);
        assertThat(receivedMessageIds()).as("each exactly once")
                .containsExactly("<" + before.messageId() + ">", "<" + during.messageId() + ">");

        ReplygateJar.Result sentList = ReplygateJar.run(folder, "outbox", "list", "--config", config.toString(),
                "--state", "sent");
        assertNoSharingTrouble(sentList);
        assertThat(sentList.stdout()).contains("2 item(s)");

        // 4. SIGTERM stops it
        int exitCode = daemon.terminate(STOP_LIMIT);
        System.out.println("daemon exit code after SIGTERM: " + exitCode);
        assertThat(exitCode).as("exit code after SIGTERM (0, or 143 = 128 + SIGTERM)\n%s", daemon.output())
                .isIn(0, 143);
        assertThat(daemon.output()).contains("replygate running", "stopping")
                .doesNotContainIgnoringCase("database may be already in use");

        // 5. queued while it is down again, delivered on the next start; nothing sent twice
        ReplygateJar.Result after = notify("700003", "again@customer.test", "Queued after the daemon stopped");
        assertNoSharingTrouble(after);
        ReplygateJar.Daemon restarted = startDaemon();
        await("the restarted daemon delivers what was queued while it was stopped").atMost(DELIVERY_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the daemon died", () -> !restarted.isAlive())
                .until(() -> receivedMessageIds().size() >= 3);
        int restartExit = restarted.terminate(STOP_LIMIT);
        assertThat(restartExit).isIn(0, 143);
        assertThat(receivedMessageIds()).containsExactly("<" + before.messageId() + ">",
                "<" + during.messageId() + ">", "<" + after.messageId() + ">");
        ReplygateJar.Result finalList = ReplygateJar.run(folder, "outbox", "list", "--config", config.toString(),
                "--state", "sent");
        assertNoSharingTrouble(finalList);
        assertThat(finalList.stdout()).contains("3 item(s)");
    }

    @Test
    void aKilledDaemonLosesNothingAndTheCliStillWorks() throws Exception {
        ReplygateJar.Daemon daemon = startDaemon();
        ReplygateJar.Result first = notify("700011", "first@customer.test", "Before the crash");
        assertNoSharingTrouble(first);
        await("the daemon delivers").atMost(DELIVERY_LIMIT).pollInterval(Duration.ofMillis(200))
                .failFast("the daemon died", () -> !daemon.isAlive())
                .until(() -> receivedMessageIds().size() == 1);
        // between the SMTP server's 250 and the commit of "sent" a crash means a second delivery
        // (at least once); once `outbox list` shows it sent, it must never go out again
        await("the daemon records the delivery").atMost(DELIVERY_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> sentCount() == 1);

        // SIGKILL: no shutdown hook, H2's lock file stays behind
        daemon.close();
        assertThat(daemon.isAlive()).isFalse();

        ReplygateJar.Result second = notify("700012", "second@customer.test", "After the crash");
        assertNoSharingTrouble(second);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);

        ReplygateJar.Daemon restarted = startDaemon();
        await("the restarted daemon delivers what was queued after the crash").atMost(DELIVERY_LIMIT)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the daemon died", () -> !restarted.isAlive())
                .until(() -> receivedMessageIds().size() >= 2);
        await("the restarted daemon records the delivery").atMost(DELIVERY_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> sentCount() == 2);
        assertThat(restarted.terminate(STOP_LIMIT)).isIn(0, 143);
        assertThat(receivedMessageIds()).containsExactly("<" + first.messageId() + ">",
                "<" + second.messageId() + ">");
    }

    private int sentCount() {
        ReplygateJar.Result sent = ReplygateJar.run(folder, "outbox", "list", "--config", config.toString(),
                "--state", "sent");
        assertNoSharingTrouble(sent);
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("(?m)^(\\d+) item\\(s\\)$")
                .matcher(sent.stdout());
        assertThat(count.find()).as(sent.describe()).isTrue();
        return Integer.parseInt(count.group(1));
    }

    @Test
    void aNotificationQueuedBesideTheDaemonSurvivesTheDaemonBeingKilled() throws Exception {
        // an idle daemon (SMTP down, next run in an hour): only the notification's own commit is at stake
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        config = TestConfigFile.write(folder, closedPort, "1h");
        ReplygateJar.Daemon daemon = startDaemon();
        await("the daemon runs").atMost(DELIVERY_LIMIT).pollInterval(Duration.ofMillis(200))
                .failFast("the daemon died", () -> !daemon.isAlive())
                .until(() -> daemon.output().contains("replygate running"));

        ReplygateJar.Result queued = notify("700031", "kept@customer.test", "Acknowledged, then the crash");
        assertNoSharingTrouble(queued);
        assertThat(queued.stdout()).startsWith("queued outbox#");
        // the portal has its acknowledgement; now the machine loses the daemon (OOM killer, power cut)
        daemon.close();

        ReplygateJar.Result list = outboxList();
        assertNoSharingTrouble(list);
        assertThat(list.stdout()).as("an acknowledged notification is never lost")
                .contains("kept@customer.test", "1 item(s)");
    }

    @Test
    void notifyProcessesStartedTogetherWithoutTheDaemonAllQueue() throws Exception {
        // the store exists and is migrated; what is left is several processes opening it at once,
        // as a portal does when two tickets change in the same second
        assertNoSharingTrouble(outboxList());
        int processes = 4;
        ExecutorService threads = Executors.newFixedThreadPool(processes);
        List<Future<ReplygateJar.Result>> runs = new ArrayList<>();
        try {
            for (int n = 0; n < processes; n++) {
                String ticket = Integer.toString(700020 + n);
                runs.add(threads.submit(() -> notify(ticket, "customer" + ticket + "@customer.test",
                        "Concurrent " + ticket)));
            }
            for (Future<ReplygateJar.Result> run : runs) {
                assertNoSharingTrouble(run.get(ReplygateJar.COMMAND_LIMIT.toSeconds() + 30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        ReplygateJar.Result list = outboxList();
        assertNoSharingTrouble(list);
        assertThat(list.stdout()).contains(processes + " item(s)");
    }
}
