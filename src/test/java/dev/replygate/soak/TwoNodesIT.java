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
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, from the outside: two {@code run} daemons on one PostgreSQL store and one Dovecot mailbox, as an
 * admin runs two nodes (same configuration, a name each). What the mailbox holds and what the SMTP server
 * received are reconciled ({@link SoakReconciliation}): every message in exactly one disposition folder,
 * every reply answered once; and neither node reports the mailbox failed.
 */
class TwoNodesIT {

    private static final Duration CHECK_IN = Duration.ofSeconds(2);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * Long enough that a restarted node which had to wait for its predecessor to be declared dead (three
     * quarters of it, {@code CheckInJobStore}) could not read within {@link #SLACK} of starting.
     */
    private static final Duration RESTART_CHECK_IN = Duration.ofSeconds(90);
    /** For a JVM, a store and a busy 2-core build machine, beyond what the design allows. */
    private static final Duration SLACK = Duration.ofSeconds(15);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** A node begins reading the mailbox: it takes the dead reader's lease, or records a message. */
    private static final Pattern READS = Pattern.compile("taken over from|InboundPipeline \\[mailbox=support");

    @TempDir
    Path folder;

    private DovecotServer dovecot;
    private GreenMail smtp;
    private PostgresDatabase database;
    private final List<ReplygateJar.Daemon> nodes = new ArrayList<>();

    @BeforeEach
    void startServers() {
        database = PostgresServer.shared().createDatabase("two_nodes");
        dovecot = DovecotServer.start();
        GreenMailNullSender.install(); // answers go with MAIL FROM:<>
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopAll(TestInfo test) throws InterruptedException, IOException {
        for (int n = 0; n < nodes.size(); n++) {
            nodes.get(n).close();
            // for a failure's post-mortem: the nodes' logs side by side
            Files.writeString(Path.of("target", "two-nodes-" + test.getTestMethod().orElseThrow().getName() + "-" + n
                    + ".log"), nodes.get(n).output(), StandardCharsets.UTF_8);
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void twoNodesShareOneMailboxWithoutCopyingOrAnsweringTwice() throws Exception {
        List<SoakMail.Message> sent = new ArrayList<>();
        try (MailboxContents mailbox = contents()) {
            deliver(mailbox, sent, 60);
            startTwoNodes();
            ReplygateJar.Daemon a = nodes.get(0);
            ReplygateJar.Daemon b = nodes.get(1);
            for (int round = 0; round < 6; round++) {
                deliver(mailbox, sent, 10);
                Thread.sleep(300);
            }
            awaitAllDone(mailbox, sent);
            stopNodes();

            SoakReconciliation result = reconcile(mailbox, sent);
            System.out.println("two nodes: " + result.summary());
            result.assertExactlyOnce(0, "two nodes: " + result.summary());
            assertNoMailboxFailure(a, "node-a");
            assertNoMailboxFailure(b, "node-b");
            assertThat(a.stderr() + b.stderr()).as("the poll job never ran on both nodes at once")
                    .doesNotContain("another process reads it now");
            // which node reads each part is Quartz's choice: the node that asked for it is told at once, the other
            // finds it at its next look at the store, so here (one mailbox, free threads on both) mostly the first
            assertThat(a.stderr() + b.stderr()).as("the backlog was read in parts").contains("left for the next run");
            assertThat(List.of(a.stderr(), b.stderr())).as("one node watches the mailbox with IDLE, the other waits")
                    .filteredOn(log -> log.contains("another node watches the mailbox with IDLE")).hasSize(1);
        }
    }

    @Test
    void whenTheNodeReadingTheMailboxIsKilledTheOtherTakesItOver() throws Exception {
        List<SoakMail.Message> sent = new ArrayList<>();
        try (MailboxContents mailbox = contents()) {
            deliver(mailbox, sent, 150);
            startTwoNodes();
            ReplygateJar.Daemon a = nodes.get(0);
            ReplygateJar.Daemon b = nodes.get(1);

            String reader = awaitReaderOfTheMailbox();
            ReplygateJar.Daemon killed = reader.equals("node-a") ? a : b;
            ReplygateJar.Daemon survivor = killed == a ? b : a;
            int survivorLogBefore = survivor.stderr().length();
            long killedAt = System.nanoTime();
            killed.kill();
            deliver(mailbox, sent, 20);

            Duration takeover = awaitReading(survivor, survivorLogBefore, killedAt);
            awaitAllDone(mailbox, sent);
            stopNodes();

            // the design's bound (README "Several nodes"): the check-in interval plus one poll interval
            Duration bound = CHECK_IN.plus(POLL_INTERVAL).plus(SLACK);
            assertThat(takeover).as("the survivor read the mailbox %s after the kill of %s", takeover, reader)
                    .isLessThanOrEqualTo(bound);
            SoakReconciliation result = reconcile(mailbox, sent);
            System.out.println("failover: " + reader + " killed, the other read the mailbox " + takeover
                    + " later (bound " + bound + "); " + result.summary());
            result.assertExactlyOnce(1, "failover: " + result.summary());
            assertNoMailboxFailure(survivor, "the survivor");
        }
    }

    @Test
    void aSecondProcessUnderARunningNodesNameIsRefusedAndTheNodeRestartedAfterAKillGoesOnAtOnce() throws Exception {
        List<SoakMail.Message> sent = new ArrayList<>();
        try (MailboxContents mailbox = contents()) {
            deliver(mailbox, sent, 150);
            ReplygateJar.Daemon first = startNode("node-a", "node-a", RESTART_CHECK_IN);
            awaitRunning(first);

            ReplygateJar.Daemon twin = startNode("node-a", "node-a-twin", RESTART_CHECK_IN);
            ReplygateJar.Result refused = twin.await(LIMIT);
            assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
            assertThat(refused.stderr()).as("one clear line, no stack trace")
                    .contains("error: another live process runs as node 'node-a' on this store")
                    .doesNotContain("\tat dev.replygate");
            assertThat(first.isAlive()).as("the running node goes on").isTrue();

            assertThat(awaitReaderOfTheMailbox()).isEqualTo("node-a");
            first.kill();
            deliver(mailbox, sent, 20);
            ReplygateJar.Daemon restarted = startNode("node-a", "node-a", RESTART_CHECK_IN);
            awaitRunning(restarted);
            // from its first line: it may have begun reading before it said it runs (then this is about zero)
            Duration resumed = awaitReading(restarted, 0, System.nanoTime());
            awaitAllDone(mailbox, sent);
            stopNodes();

            // its own name finds its own running job at its first check-in: no waiting for it to be declared dead
            assertThat(resumed).as("the restarted node read the mailbox %s after it started running", resumed)
                    .isLessThanOrEqualTo(POLL_INTERVAL.plus(SLACK));
            SoakReconciliation result = reconcile(mailbox, sent);
            System.out.println("restart: read " + resumed + " after starting; " + result.summary());
            result.assertExactlyOnce(1, "restart: " + result.summary());
            assertNoMailboxFailure(restarted, "the restarted node");
        }
    }

    private MailboxContents contents() throws Exception {
        return new MailboxContents(dovecot.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD);
    }

    private static void deliver(MailboxContents mailbox, List<SoakMail.Message> sent, int count) throws Exception {
        List<SoakMail.Message> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(SoakMail.number(sent.size() + i));
        }
        mailbox.deliver(batch);
        sent.addAll(batch);
    }

    /** {@code node-a} and {@code node-b}, started together, once both say they run. */
    private void startTwoNodes() throws IOException, InterruptedException {
        ReplygateJar.Daemon a = startNode("node-a", "node-a", CHECK_IN);
        ReplygateJar.Daemon b = startNode("node-b", "node-b", CHECK_IN);
        awaitRunning(a);
        awaitRunning(b);
    }

    /** The same configuration on every node but its name, with short intervals for the test. */
    private ReplygateJar.Daemon startNode(String name, String folderName, Duration checkIn) throws IOException {
        Path nodeFolder = Files.createDirectories(folder.resolve(folderName));
        Path config = SoakConfig.write(nodeFolder, database.storeSettings(), dovecot.imapPort(), smtp.getSmtp().getPort());
        String yaml = Files.readString(config, StandardCharsets.UTF_8).replaceFirst("(?m)^instance:\n  name: .*$",
                "instance:\n  name: " + name + "\n  check-in-interval: " + checkIn.toSeconds() + "s");
        // a poll run reads one batch of 20 and asks for the next run: a backlog is read in parts, by either node
        yaml = yaml.replace("    batch-size: 20\n", "    batch-size: 20\n    batches-per-run: 1\n");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        ReplygateJar.Daemon node = ReplygateJar.start(nodeFolder, "run", "--config", config.toString(),
                "--pid-file", nodeFolder.resolve("replygate.pid").toString());
        nodes.add(node);
        return node;
    }

    private void stopNodes() throws InterruptedException {
        for (ReplygateJar.Daemon node : nodes) {
            if (node.isAlive()) {
                node.terminate(LIMIT);
            }
        }
    }

    private static void awaitRunning(ReplygateJar.Daemon node) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!node.output().contains("replygate running")) {
            if (!node.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the node did not start running:\n" + node.output());
            }
            Thread.sleep(25);
        }
    }

    /** The Quartz node running the mailbox's poll job now: its {@code instance.name}. */
    private String awaitReaderOfTheMailbox() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
             PreparedStatement select = connection.prepareStatement("SELECT instance_name FROM qrtz_fired_triggers"
                     + " WHERE job_name = 'poll-support' AND state = 'EXECUTING'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        return row.getString(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no node ran the poll job of mailbox support within " + LIMIT);
    }

    /** How long after {@code since} (a {@link System#nanoTime()}) the node begins reading the mailbox. */
    private static Duration awaitReading(ReplygateJar.Daemon node, int logFrom, long since)
            throws InterruptedException {
        long deadline = since + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            String log = node.stderr();
            if (READS.matcher(log.substring(Math.min(logFrom, log.length()))).find()) {
                return Duration.ofNanos(System.nanoTime() - since);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the surviving node read no mail within " + LIMIT + ":\n" + node.output());
    }

    /** Until the INBOX is empty and every message to answer has an answer at the SMTP server. */
    private void awaitAllDone(MailboxContents mailbox, List<SoakMail.Message> sent) throws Exception {
        long toAnswer = sent.stream().filter(message -> message.kind().answered()).count();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            boolean inboxEmpty = Optional.ofNullable(mailbox.messageIdsByFolder().get("INBOX"))
                    .map(List::isEmpty).orElse(true);
            if (inboxEmpty && smtp.getReceivedMessages().length >= toAnswer) {
                return;
            }
            Thread.sleep(200);
        }
        StringBuilder logs = new StringBuilder();
        nodes.forEach(node -> logs.append(node.output()).append('\n'));
        throw new AssertionError("not all mail done within " + LIMIT + ": " + smtp.getReceivedMessages().length
                + " of " + toAnswer + " answers received, mailbox " + mailbox.messageIdsByFolder() + "\n" + logs);
    }

    private SoakReconciliation reconcile(MailboxContents mailbox, List<SoakMail.Message> sent) throws Exception {
        return SoakReconciliation.of(sent, List.of(), mailbox.messageIdsByFolder(), smtp.getReceivedMessages());
    }

    private static void assertNoMailboxFailure(ReplygateJar.Daemon node, String name) {
        List<String> failures = node.stderr().lines()
                .filter(line -> line.contains("WARN") || line.contains("ERROR"))
                .filter(line -> line.contains("PollRun") || line.contains("StageScheduler")
                        || line.contains("LeasedPoller"))
                .toList();
        assertThat(failures).as("%s reported the mailbox failed", name).isEmpty();
    }
}
