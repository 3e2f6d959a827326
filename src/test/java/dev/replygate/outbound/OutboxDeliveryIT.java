package dev.replygate.outbound;

import dev.replygate.testsupport.ScriptedSmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.replygate.config.DeliveryConfig;
import dev.replygate.config.Secret;
import dev.replygate.config.SmtpConfig;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.replygate.outbound.DeliveryHarness.DELIVERY;
import static dev.replygate.outbound.DeliveryHarness.T0;
import static dev.replygate.outbound.DeliveryHarness.deliverUntilNothingDue;
import static dev.replygate.outbound.DeliveryHarness.plainSmtp;
import static org.assertj.core.api.Assertions.assertThat;

/** Delivery against real SMTP conversations: GreenMail, and a scripted server for the answers it cannot give. */
class OutboxDeliveryIT {

    private final DeliveryHarness harness = new DeliveryHarness();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
        harness.close();
    }

    private GreenMail greenMail(int port) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        servers.add(greenMail::stop);
        greenMail.start();
        return greenMail;
    }

    private ScriptedSmtpServer scripted() throws Exception {
        ScriptedSmtpServer server = new ScriptedSmtpServer();
        servers.add(server);
        return server;
    }

    @Test
    void hundredNotificationsQueuedWhileSmtpIsDownAllArriveExactlyOnceAfterItComesBack() throws Exception {
        int port = DeliveryHarness.freePort();
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(port));
        Set<String> queuedIds = new HashSet<>();
        for (int n = 0; n < 100; n++) {
            OutboxEntry entry = Entries.notification(n, "ticket-" + n + "/opened");
            queuedIds.add("<" + entry.messageId() + ">");
            harness.enqueue(entry);
        }

        DeliveryReport whileDown = deliverUntilNothingDue(deliverer, 10);

        assertThat(whileDown).isEqualTo(new DeliveryReport(0, 100, 0));
        List<OutboxItem> queued = harness.outbox.list(OutboxState.QUEUED, 1000);
        assertThat(queued).hasSize(100).allSatisfy(item -> {
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.nextAttemptAt()).isEqualTo(T0.plusSeconds(63));
            assertThat(item.lastError()).startsWith("cannot connect to 127.0.0.1:" + port);
        });
        assertThat(deliverer.deliverDue()).as("nothing due during the backoff").isEqualTo(DeliveryReport.NOTHING);

        GreenMail greenMail = greenMail(port);
        harness.clock.advance(Duration.ofSeconds(63));
        DeliveryReport afterwards = deliverUntilNothingDue(deliverer, 10);

        assertThat(afterwards).isEqualTo(new DeliveryReport(100, 0, 0));
        assertThat(greenMail.waitForIncomingEmail(5_000, 100)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(100);
        List<String> receivedIds = new ArrayList<>();
        for (MimeMessage message : received) {
            receivedIds.add(message.getMessageID());
        }
        assertThat(receivedIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queuedIds);
        assertThat(harness.outbox.list(OutboxState.SENT, 1000)).hasSize(100)
                .allSatisfy(item -> assertThat(item.sentAt()).isEqualTo(harness.clock.instant()));
    }

    @Test
    void twoDeliverersRacingNeverSendAnItemTwice() throws Exception {
        int port = DeliveryHarness.freePort();
        GreenMail greenMail = greenMail(port);
        int items = 60;
        for (int n = 0; n < items; n++) {
            harness.enqueue(Entries.notification(n, null));
        }
        DeliveryConfig smallBatches = new DeliveryConfig(DELIVERY.interval(), 4, DELIVERY.initialBackoff(),
                DELIVERY.maxBackoff(), DELIVERY.maxAge());
        List<OutboxDeliverer> deliverers = List.of(harness.deliverer(plainSmtp(port), "node-a", smallBatches),
                harness.deliverer(plainSmtp(port), "node-b", smallBatches),
                harness.deliverer(plainSmtp(port), "node-c", smallBatches));
        ExecutorService threads = Executors.newFixedThreadPool(deliverers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<DeliveryReport> reports = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (OutboxDeliverer deliverer : deliverers) {
                runs.add(threads.submit(() -> {
                    start.await();
                    reports.add(deliverUntilNothingDue(deliverer, 50));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(reports.stream().mapToInt(DeliveryReport::sent).sum()).isEqualTo(items);
        assertThat(greenMail.waitForIncomingEmail(5_000, items)).isTrue();
        List<String> receivedIds = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            receivedIds.add(message.getMessageID());
        }
        assertThat(receivedIds).hasSize(items).doesNotHaveDuplicates();
    }

    @Test
    void a5xxAnswerFailsTheItemWithTheServersTextAndRetrySendsIt() throws Exception {
        ScriptedSmtpServer server = scripted();
        server.rcptReply = recipient -> "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(server.port()));
        long id = harness.enqueue(Entries.notification(1, null));

        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 0, 1));

        OutboxItem failed = harness.item(id);
        assertThat(failed.state()).isEqualTo(OutboxState.FAILED);
        assertThat(failed.lastError())
                .isEqualTo("550 5.1.1 <customer1@example.org>: Recipient address rejected: User unknown");
        assertThat(server.messages()).isEmpty();
        assertThat(deliverer.deliverDue()).isEqualTo(DeliveryReport.NOTHING);

        server.rcptReply = recipient -> "250 2.1.5 OK";
        assertThat(harness.outbox.retry(id)).isTrue();
        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(1, 0, 0));

        assertThat(harness.item(id).state()).isEqualTo(OutboxState.SENT);
        assertThat(server.messages()).singleElement().asString()
                .contains("Message-ID: <rg.n1@support.example.com>");
    }

    @Test
    void a4xxAnswerIsTemporaryWithBackoff() throws Exception {
        ScriptedSmtpServer server = scripted();
        server.rcptReply = recipient -> "450 4.2.1 Mailbox busy, try again later";
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(server.port()));
        long id = harness.enqueue(Entries.notification(1, null));

        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 1, 0));
        OutboxItem first = harness.item(id);
        assertThat(first.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(first.lastError()).isEqualTo("450 4.2.1 Mailbox busy, try again later");
        assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(60 + 3));

        harness.clock.advance(Duration.ofSeconds(63));
        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 1, 0));
        OutboxItem second = harness.item(id);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).isEqualTo(harness.clock.instant().plusSeconds(120 + 6));
    }

    @Test
    void aRejectedEndOfDataIsPermanent() throws Exception {
        ScriptedSmtpServer server = scripted();
        server.endOfDataReply = "554 5.7.1 Message rejected as spam";
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(server.port()));
        long id = harness.enqueue(Entries.notification(1, null));

        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 0, 1));
        assertThat(harness.item(id).lastError()).isEqualTo("554 5.7.1 Message rejected as spam");
    }

    @Test
    void oneRefusedRecipientDoesNotStopTheBatchWhichUsesOneConnection() throws Exception {
        ScriptedSmtpServer server = scripted();
        server.rcptReply = recipient -> recipient.startsWith("customer3@") ? "550 5.1.1 User unknown" : "250 OK";
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(server.port()));
        List<Long> ids = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            ids.add(harness.enqueue(Entries.notification(n, null)));
        }

        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(4, 0, 1));

        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.commandsStartingWith("EHLO")).hasSize(1);
        assertThat(server.commandsStartingWith("MAIL")).hasSize(5);
        assertThat(server.messages()).hasSize(4);
        assertThat(harness.item(ids.get(2)).state()).isEqualTo(OutboxState.FAILED);
        assertThat(harness.item(ids.get(4)).state()).isEqualTo(OutboxState.SENT);
    }

    @Test
    void aBatchLongerThanOneLeaseKeepsItsItemsFromAnotherDeliverer() throws Exception {
        ScriptedSmtpServer server = scripted();
        SmtpConfig smtp = plainSmtp(server.port());
        Duration lease = OutboxDeliverer.leaseFor(smtp);
        DeliveryQueue other = new DeliveryQueue(harness.db.store, harness.clock, "other-node", lease);
        List<Long> takenByTheOther = new CopyOnWriteArrayList<>();
        // each message takes 0.6 of a lease on the test clock; the other node tries to claim meanwhile
        server.rcptReply = recipient -> {
            harness.clock.advance(lease.multipliedBy(6).dividedBy(10));
            other.claimDue(10).forEach(claimed -> takenByTheOther.add(claimed.item().id()));
            return "250 2.1.5 OK";
        };
        for (int n = 1; n <= 5; n++) {
            harness.enqueue(Entries.notification(n, null));
        }

        assertThat(harness.deliverer(smtp).deliverDue()).isEqualTo(new DeliveryReport(5, 0, 0));

        assertThat(takenByTheOther).as("the lease was renewed before each message").isEmpty();
        assertThat(server.messages()).hasSize(5);
        assertThat(harness.outbox.list(OutboxState.SENT, 10)).hasSize(5);
    }

    @Test
    void answersGoWithTheNullSenderAndAskForNoNotification() throws Exception {
        ScriptedSmtpServer server = scripted();
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(server.port()));
        harness.enqueue(Entries.answer(1, "someone@example.net"));
        harness.enqueue(Entries.notification(2, null));

        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(2, 0, 0));

        assertThat(server.commandsStartingWith("MAIL")).containsExactly("MAIL FROM:<>",
                "MAIL FROM:<bounces@example.com>");
        assertThat(server.commandsStartingWith("RCPT")).containsExactly("RCPT TO:<someone@example.net> NOTIFY=NEVER",
                "RCPT TO:<customer2@example.org>");
    }

    @Test
    void noDsnParameterWhenTheServerDoesNotOfferDsn() throws Exception {
        ScriptedSmtpServer server = scripted();
        server.extensions = List.of("8BITMIME");
        harness.enqueue(Entries.answer(1, "someone@example.net"));

        assertThat(harness.deliverer(plainSmtp(server.port())).deliverDue()).isEqualTo(new DeliveryReport(1, 0, 0));

        assertThat(server.commandsStartingWith("MAIL")).containsExactly("MAIL FROM:<>");
        assertThat(server.commandsStartingWith("RCPT")).containsExactly("RCPT TO:<someone@example.net>");
    }

    @Test
    void requiredStartTlsAgainstAServerWithoutItIsATemporaryFailureNotAPlainSend() throws Exception {
        ScriptedSmtpServer server = scripted();
        SmtpConfig startTls = DeliveryHarness.smtp(server.port(), SmtpConfig.SmtpSecurity.STARTTLS, "", Secret.empty());
        long id = harness.enqueue(Entries.notification(1, null));

        assertThat(harness.deliverer(startTls).deliverDue()).isEqualTo(new DeliveryReport(0, 1, 0));

        assertThat(harness.item(id).lastError()).contains("STARTTLS is required but host does not support STARTTLS");
        assertThat(server.commandsStartingWith("MAIL")).isEmpty();
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void aServerThatHangsUpMidBatchCostsOneDeferralAndTheRestGoOverANewConnection() throws Exception {
        ScriptedSmtpServer server = scripted();
        server.hangUpAfterMessages = 2;
        List<Long> ids = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            ids.add(harness.enqueue(Entries.notification(n, null)));
        }

        DeliveryReport report = harness.deliverer(plainSmtp(server.port())).deliverDue();

        assertThat(report).isEqualTo(new DeliveryReport(3, 1, 0));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(harness.item(ids.get(2)).state()).isEqualTo(OutboxState.QUEUED);
        assertThat(harness.item(ids.get(3)).state()).isEqualTo(OutboxState.SENT);
    }

    @Test
    void aTemporaryFailureAfterMaxAgeGivesUpAndRetryOpensANewWindow() throws Exception {
        int port = DeliveryHarness.freePort();
        OutboxDeliverer deliverer = harness.deliverer(plainSmtp(port));
        long id = harness.enqueue(Entries.notification(1, null));
        harness.clock.advance(DELIVERY.maxAge());

        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 0, 1));
        OutboxItem failed = harness.item(id);
        assertThat(failed.state()).isEqualTo(OutboxState.FAILED);
        assertThat(failed.lastError()).startsWith("gave up after 3d: cannot connect to 127.0.0.1:" + port);

        assertThat(harness.outbox.retry(id)).isTrue();
        assertThat(deliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 1, 0));
        assertThat(harness.item(id).state()).isEqualTo(OutboxState.QUEUED);
    }

    @Test
    void logsInWhenAUsernameIsSetAndKeepsThePasswordOutOfErrors() throws Exception {
        int port = DeliveryHarness.freePort();
        GreenMail greenMail = greenMail(port);
        greenMail.setUser("relay-user", "relay-user", "right-password");
        long sent = harness.enqueue(Entries.notification(1, null));
        long refused = harness.enqueue(Entries.notification(2, null));

        SmtpConfig good = DeliveryHarness.smtp(port, SmtpConfig.SmtpSecurity.NONE, "relay-user",
                Secret.of("right-password"));
        SmtpConfig bad = DeliveryHarness.smtp(port, SmtpConfig.SmtpSecurity.NONE, "relay-user",
                Secret.of("wrong-password"));
        OutboxDeliverer badDeliverer = harness.deliverer(bad);

        assertThat(badDeliverer.deliverDue()).isEqualTo(new DeliveryReport(0, 2, 0));
        assertThat(harness.item(refused).lastError()).isNotBlank().doesNotContain("wrong-password");

        harness.clock.advance(Duration.ofMinutes(2));
        assertThat(harness.deliverer(good).deliverDue()).isEqualTo(new DeliveryReport(2, 0, 0));
        assertThat(harness.item(sent).state()).isEqualTo(OutboxState.SENT);
        assertThat(Arrays.stream(greenMail.getReceivedMessages())).hasSize(2);
    }
}
