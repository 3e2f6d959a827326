package dev.replygate.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.outbound.OutboxState;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import dev.replygate.testsupport.ScriptedSmtpServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13.3: two daemons' stages on one PostgreSQL store each deliver the outbox, each claiming batches under
 * its own leases. Before, delivery was one job for the whole cluster: while one node's run was stuck on a slow
 * SMTP server, the other node could not deliver at all.
 */
class DeliveryOnEveryNodePostgresIT {

    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int BATCH = 10;
    private static final int QUEUED = 4 * BATCH;
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID: *(<[^>]+>)");

    @TempDir
    Path folder;

    private PostgresDatabase database;
    private GreenMail greenMail;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() {
        database = PostgresServer.shared().createDatabase("every_node");
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        greenMail.stop();
    }

    /**
     * Node-a holds a batch and is stuck in it (its SMTP server does not answer the first RCPT); node-b, started
     * meanwhile, delivers the rest of the backlog. Once node-a's server answers, node-a sends its batch: every item
     * sent once, by one of the two.
     */
    @Test
    void theOtherNodeDeliversWhileOneNodesDeliveryIsStuck() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        ScriptedSmtpServer slow = new ScriptedSmtpServer();
        open.add(slow);
        slow.rcptReply = recipient -> {
            try {
                answer.await(LIMIT.toSeconds() * 2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "250 2.1.5 OK";
        };
        Replygate nodeA = node("node-a", slow.port());
        for (int n = 0; n < QUEUED; n++) {
            notify(nodeA, n);
        }
        running(nodeA);
        await().atMost(LIMIT).until(() -> !slow.commandsStartingWith("RCPT").isEmpty());
        assertThat(heldWithFirstItem()).as("node-a holds its batch").isEqualTo(BATCH);

        Replygate nodeB = node("node-b", greenMail.getSmtp().getPort());
        running(nodeB);
        try {
            await().atMost(LIMIT).until(() -> greenMail.getReceivedMessages().length == QUEUED - BATCH);
            assertThat(slow.messages()).as("node-a is still stuck").isEmpty();
            assertThat(heldWithFirstItem()).isEqualTo(BATCH);
        } finally {
            answer.countDown();
        }

        await().atMost(LIMIT).until(() -> slow.messages().size() == BATCH);
        await().atMost(LIMIT).until(() -> count(OutboxState.SENT) == QUEUED);
        List<String> sent = new ArrayList<>();
        slow.messages().forEach(message -> sent.add(messageId(message)));
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            sent.add(message.getMessageID());
        }
        assertThat(sent).as("every item sent once").hasSize(QUEUED).doesNotHaveDuplicates();
        assertThat(greenMail.getReceivedMessages()).hasSize(QUEUED - BATCH);
    }

    /**
     * A node on another machine died holding a batch: the live node leaves it while its lease runs and sends it
     * once the lease has ended.
     */
    @Test
    void aDeadNodesBatchIsDeliveredByTheOtherOnceItsLeaseEnds() throws Exception {
        Replygate nodeB = node("node-b", greenMail.getSmtp().getPort());
        for (int n = 0; n < BATCH; n++) {
            notify(nodeB, n);
        }
        Duration lease = Duration.ofSeconds(4);
        Instant leaseEnds = holdAllByADeadNodeElsewhere(lease);
        running(nodeB);

        Duration held = Duration.between(Instant.now(), leaseEnds).minusMillis(500);
        if (!held.isNegative()) {
            await().during(held).atMost(held.plus(LIMIT))
                    .until(() -> greenMail.getReceivedMessages().length == 0);
        }
        await().atMost(LIMIT).until(() -> greenMail.getReceivedMessages().length == BATCH);
        assertThat(Instant.now()).as("not before the lease ended").isAfterOrEqualTo(leaseEnds);
        assertThat(count(OutboxState.SENT)).isEqualTo(BATCH);
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    private Replygate node(String name, int smtpPort) throws IOException {
        Path dir = Files.createDirectories(folder.resolve(name));
        Path config = TestConfigFile.write(dir, smtpPort, "1s", database.storeSettings());
        String yaml = Files.readString(config, StandardCharsets.UTF_8)
                .replace("name: " + TestConfigFile.INSTANCE, "name: " + name)
                .replace("timeout: 10s", "timeout: 120s")
                .replace("  interval: 1s\n", "  interval: 1s\n  batch-size: " + BATCH + "\n");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        Replygate replygate = new Replygate(ConfigFiles.load(config).config(), Clock.systemUTC());
        open.add(replygate);
        return replygate;
    }

    private void running(Replygate replygate) {
        open.add(RunningStages.start(replygate, Optional.empty(), taken -> { }));
    }

    private static void notify(Replygate replygate, int n) {
        replygate.notificationService().queue(new NotificationRequest("7100" + n, "answered",
                "customer" + n + "@customer.test", "Customer " + n, "en",
                Map.of("subject", "Question " + n, "department", "Support", "status", "Answered", "operator", "Mina"),
                "every-node-" + n));
    }

    private static String messageId(String message) {
        Matcher id = MESSAGE_ID.matcher(message);
        assertThat(id.find()).as("a Message-ID in %s", message).isTrue();
        return id.group(1);
    }

    /** How many items the holder of the first item queued holds now ({@code sending} under its lease). */
    private long heldWithFirstItem() throws SQLException {
        try (Connection connection = connect(); Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT count(*) FROM outbox WHERE state = 'sending' AND lease_owner ="
                     + " (SELECT lease_owner FROM outbox WHERE recipient = 'customer0@customer.test')")) {
            row.next();
            return row.getLong(1);
        }
    }

    private long count(OutboxState state) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM outbox WHERE state = ?")) {
            query.setString(1, state.name().toLowerCase(java.util.Locale.ROOT));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Every queued item held by a node on another machine (its process cannot be looked at) until lease from now. */
    private Instant holdAllByADeadNodeElsewhere(Duration lease) throws SQLException {
        try (Connection connection = connect(); Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE outbox SET state = 'sending', attempts = 1,"
                    + " lease_owner = 'other-host~pid:[4026531836]/4242/t1234/dead0001',"
                    + " lease_until = CURRENT_TIMESTAMP + INTERVAL '" + lease.toSeconds() + " seconds'");
            try (ResultSet until = update.executeQuery("SELECT max(lease_until) FROM outbox")) {
                until.next();
                return until.getTimestamp(1).toInstant();
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
    }
}
