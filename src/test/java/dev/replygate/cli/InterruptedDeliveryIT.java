package dev.replygate.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.outbound.DeliveryQueue;
import dev.replygate.outbound.LeaseOwner;
import dev.replygate.store.CrashPoints;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7: a delivery interrupted by a kill comes back within minutes, not when a batch-long lease
 * ends; {@code run --once} does not report success while items are left {@code sending}. All through
 * the jar, against GreenMail.
 */
class InterruptedDeliveryIT {

    /** The bound: the interrupted answers arrive within 2 minutes of the restart. */
    private static final Duration RESTART_LIMIT = Duration.ofMinutes(2);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final int QUEUED = 5;

    @TempDir
    Path folder;

    private GreenMail greenMail;
    private Path config;
    private ReplygateJar.Daemon daemon;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
        greenMail.stop();
    }

    @Test
    void aDaemonKilledMidBatchIsFollowedByARestartThatDeliversTheBatchWithinTwoMinutes() throws Exception {
        List<String> queued = queueNotifications();

        ReplygateJar.Result killed = ReplygateJar.run(folder,
                List.of("-D" + CrashPoints.SETTING + "=" + CrashPoints.OUTBOX_AFTER_SEND), ReplygateJar.COMMAND_LIMIT,
                "run", "--config", config.toString());

        assertThat(killed.exitCode()).as("halted after the server took the first message:%n%s", killed.describe())
                .isEqualTo(CrashPoints.EXIT_CODE);
        assertThat(receivedMessageIds()).as("accepted before the kill").containsExactly(queued.get(0));
        ReplygateJar.Result held = ok(ReplygateJar.run(folder, "outbox", "list", "--state", "sending",
                "--config", config.toString()));
        assertThat(held.stdout()).as("the dead process's batch, with holder and lease end")
                .contains(QUEUED + " item(s)", "held by ", "(process gone: released on the next delivery)");

        daemon = ReplygateJar.start(folder, "run", "--config", config.toString());
        await("the restarted daemon delivers the interrupted batch").atMost(RESTART_LIMIT)
                .pollInterval(Duration.ofMillis(250))
                .failFast("the daemon died", () -> !daemon.isAlive())
                .until(() -> receivedMessageIds().containsAll(queued));

        assertThat(daemon.terminate(STOP_LIMIT)).isIn(0, 143);
        assertThat(daemon.output()).contains("released " + QUEUED + " outbox item(s)");
        assertThat(receivedMessageIds()).as("the one the server took before the kill goes again, same Message-ID")
                .hasSize(QUEUED + 1).containsAll(queued);
        ReplygateJar.Result sent = ok(ReplygateJar.run(folder, "outbox", "list", "--state", "sent",
                "--config", config.toString()));
        assertThat(sent.stdout()).contains(QUEUED + " item(s)");
    }

    @Test
    void runOnceFailsWhenItLeavesItemsThatALiveProcessHoldsSending() throws Exception {
        queueNotifications();
        // this test's JVM claims the batch with an hour's lease, as a deliverer on this machine that is
        // still running (or stuck) would hold it: never released, never sent behind its back
        String liveHolder = LeaseOwner.ofThisProcess().name();
        try (Replygate replygate = Replygate.forCommand(ConfigFiles.load(config).config(), Clock.systemUTC())) {
            assertThat(new DeliveryQueue(replygate.store(), Clock.systemUTC(), liveHolder, Duration.ofHours(1))
                    .claimDue(10)).hasSize(QUEUED);
        }

        ReplygateJar.Result once = ReplygateJar.run(folder, "run", "--once", "--wait-for-sending", "2s",
                "--config", config.toString());

        assertThat(once.exitCode()).as(once.describe()).isEqualTo(ExitCodes.FAILURE);
        assertThat(once.stderr()).as(once.describe())
                .contains("0 sent, 0 deferred, 0 failed, " + QUEUED + " still sending")
                .contains("still sending after waiting 2s", "held by " + liveHolder + " (process running)");
        assertThat(receivedMessageIds()).isEmpty();
        ReplygateJar.Result list = ok(ReplygateJar.run(folder, "outbox", "list", "--config", config.toString()));
        assertThat(list.stdout()).contains("held by " + liveHolder + " until ", "(process running)");
    }

    private List<String> queueNotifications() {
        List<String> messageIds = new ArrayList<>();
        for (int n = 0; n < QUEUED; n++) {
            ReplygateJar.Result queued = ok(ReplygateJar.run(folder, "notify", "--config", config.toString(),
                    "--ticket", Integer.toString(710_000 + n), "--event", "opened",
                    "--to", "customer" + n + "@customer.test", "--locale", "en", "--var", "subject=Lease " + n));
            messageIds.add("<" + queued.messageId() + ">");
        }
        return messageIds;
    }

    private static ReplygateJar.Result ok(ReplygateJar.Result result) {
        assertThat(result.exitCode()).as(result.describe()).isZero();
        return result;
    }

    private List<String> receivedMessageIds() throws MessagingException {
        return ReceivedMail.messageIds(greenMail);
    }
}
