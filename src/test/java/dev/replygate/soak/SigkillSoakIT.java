package dev.replygate.soak;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.demo.GreenMailNullSender;
import dev.replygate.testsupport.DovecotServer;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, proven from the outside: mail flows into a real Dovecot while notifications are queued, the
 * daemon is killed with SIGKILL at random moments (0.2 to 4 s after it says it is running) again and
 * again and started again, then {@code run --once} finishes the work. What the mail server holds and
 * what the SMTP server received are then reconciled ({@link SoakReconciliation}), not the store.
 * <p>
 * The CI version kills 20 times per store over 200 messages. The long version:
 * {@code mvn verify -Dit.test=SigkillSoakIT -Dreplygate.soak.kills=100 -Dreplygate.soak.messages=500}
 * (see bench/README.md for its last result).
 */
class SigkillSoakIT {

    private static final int KILLS = Integer.getInteger("replygate.soak.kills", 20);
    private static final int MESSAGES = Integer.getInteger("replygate.soak.messages", 200);
    private static final Duration RUNNING_LIMIT = Duration.ofSeconds(120);
    private static final Duration LAST_RUN_LIMIT = Duration.ofMinutes(10);

    @TempDir
    Path folder;

    private DovecotServer dovecot;
    private GreenMail smtp;

    @BeforeEach
    void startServers() {
        dovecot = DovecotServer.start();
        GreenMailNullSender.install(); // answers go with MAIL FROM:<>
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopServers() {
        if (smtp != null) {
            smtp.stop();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void onTheH2StoreNothingIsLostAndNothingAnsweredTwiceThroughRepeatedKills() throws Exception {
        soak("h2", "url: jdbc:h2:file:" + folder.resolve("db").resolve("replygate"));
    }

    @Test
    void onPostgresqlNothingIsLostAndNothingAnsweredTwiceThroughRepeatedKills() throws Exception {
        PostgresDatabase database = PostgresServer.shared().createDatabase("soak");
        soak("postgresql", database.storeSettings());
    }

    private void soak(String storeName, String storeSettings) throws Exception {
        Path config = SoakConfig.write(folder, storeSettings, dovecot.imapPort(), smtp.getSmtp().getPort());
        long seed = Long.getLong("replygate.soak.seed", System.nanoTime());
        Random random = new Random(seed);
        List<SoakMail.Message> sent = new ArrayList<>();
        Notifications notifications = new Notifications(folder, config);
        int perRound = Math.max(1, MESSAGES / KILLS);

        try (MailboxContents mailbox = new MailboxContents(dovecot.imapPort(), DovecotServer.USER,
                DovecotServer.PASSWORD)) {
            for (int round = 0; round < KILLS; round++) {
                List<SoakMail.Message> batch = new ArrayList<>();
                for (int i = 0; i < perRound && sent.size() + batch.size() < MESSAGES; i++) {
                    batch.add(SoakMail.number(sent.size() + batch.size()));
                }
                if (!batch.isEmpty()) {
                    mailbox.deliver(batch);
                    sent.addAll(batch);
                }
                try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString())) {
                    ReplygateJar.Daemon notify = round % 2 == 0 ? notifications.start(round) : null;
                    awaitRunning(daemon, storeName, round);
                    Thread.sleep(random.nextInt(200, 4_000));
                    daemon.kill();
                    if (notify != null) {
                        notifications.finish(round, notify);
                    }
                }
            }
            List<SoakMail.Message> rest = new ArrayList<>();
            while (sent.size() + rest.size() < MESSAGES) {
                rest.add(SoakMail.number(sent.size() + rest.size()));
            }
            if (!rest.isEmpty()) {
                mailbox.deliver(rest);
                sent.addAll(rest);
            }

            ReplygateJar.Result last = ReplygateJar.run(folder, List.of(), LAST_RUN_LIMIT, "run", "--once",
                    "--wait-for-sending", "2m", "--config", config.toString());
            Files.writeString(Path.of("target", "soak-" + storeName + "-last-run.txt"), last.describe(),
                    StandardCharsets.UTF_8);
            assertThat(last.exitCode()).as("the last run --once (%s, seed %d):%n%s", storeName, seed,
                    last.describe()).isZero();

            SoakReconciliation result = SoakReconciliation.of(sent, notifications.messageIds(),
                    mailbox.messageIdsByFolder(), smtp.getReceivedMessages());
            String summary = "soak on " + storeName + ": " + KILLS + " kills (seed " + seed + "), " + result.summary()
                    + "; notify commands cut by a kill and run again: " + notifications.retried();
            System.out.println(summary);
            Files.writeString(Path.of("target", "soak-" + storeName + ".txt"), summary + "\n", StandardCharsets.UTF_8);
            result.assertExactlyOnce(KILLS, summary);
        }
    }

    private static void awaitRunning(ReplygateJar.Daemon daemon, String storeName, int round) throws InterruptedException {
        long deadline = System.nanoTime() + RUNNING_LIMIT.toNanos();
        while (!daemon.output().contains("replygate running")) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(storeName + " round " + round + ": the daemon did not start running:\n"
                        + daemon.output());
            }
            Thread.sleep(25);
        }
    }
}
