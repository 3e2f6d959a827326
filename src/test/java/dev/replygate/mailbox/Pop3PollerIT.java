package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.Secret;
import dev.replygate.store.Store;
import jakarta.mail.Folder;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.replygate.mailbox.TestMessages.message;
import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading a POP3 mailbox on a real server (GreenMail): keep and delete, shadow mode, failures. */
class Pop3PollerIT {

    private TestMailServer server;
    private Store store;
    private RecordingSink sink;

    @BeforeEach
    void start() {
        server = new TestMailServer();
        store = TestStores.h2();
        sink = new RecordingSink();
    }

    @AfterEach
    void stop() {
        store.close();
        server.close();
    }

    private MailboxPoller poller(MailboxConfig config) {
        return MailboxPoller.create(config, sink, store, Clock.systemUTC());
    }

    private MailboxConfig deleting() {
        return TestMailboxes.withMode(TestMailboxes.pop3(server), Mode.DELETE);
    }

    @Test
    void aServerThatDoesNotListTopIsNotAskedSoARefusedRetrCountsAsTheMessagesOwnWhenThereAreOthers()
            throws Exception {
        server.deliver(message(1, "Re: ticket"));
        server.deliver(message(2, "Re: ticket"));
        MailboxConfig config = TestMailboxes.pop3(server);
        jakarta.mail.Store pop3 = MailSessions.connect(config, MailSessions.READ_TIMEOUT);
        try {
            POP3Folder folder = (POP3Folder) pop3.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            // GreenMail answers TOP but does not list it: an optional command replygate does not take for granted
            assertThat(((POP3Store) pop3).capabilities()).doesNotContainKey("TOP");
            BodyRefused refusal = new BodyRefused("the server refused the body of message 1");

            assertThat(RawStreams.pop3Witnesses(folder, List.of(1, 2)).judged(1, refusal)).isSameAs(refusal);
            assertThat(RawStreams.pop3Witnesses(folder, List.of(1)).judged(1, refusal))
                    .as("alone: it cannot be told from the server's trouble").isInstanceOf(ServerRefusesBodies.class);
            folder.close(false);
        } finally {
            pop3.close();
        }
    }

    @Test
    void keepModeLeavesMessagesOnTheServerAndGivesEachOnce() throws Exception {
        server.deliver(message(1, "Re: ticket"));
        server.deliver(message(2, "Auto [ignore]"));
        MailboxPoller poller = poller(TestMailboxes.pop3(server));

        PollReport first = poller.poll();
        server.deliver(message(3, "Re: ticket"));
        PollReport second = poller.poll();
        PollReport third = poller.poll();

        assertThat(first).extracting(PollReport::found, PollReport::redirected, PollReport::ignored)
                .containsExactly(2, 1, 1);
        assertThat(second.found()).isEqualTo(1);
        assertThat(third.found()).isZero();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(1), messageId(2), messageId(3));
        assertThat(server.flags("INBOX", messageId(1))).doesNotContain("\\Deleted");
    }

    @Test
    void aRunStopsAfterItsBatchesWithMailLeftAndTheNextGoesOnWhereItStopped() throws Exception {
        for (int n = 1; n <= 5; n++) {
            server.deliver(message(n, "Re: ticket " + n));
        }
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(
                TestMailboxes.withBatchSize(deleting(), 2), 1));

        List<PollReport> reports = List.of(poller.poll(), poller.poll(), poller.poll(), poller.poll());

        assertThat(reports).extracting(PollReport::processed).containsExactly(2, 2, 1, 0);
        assertThat(reports).extracting(PollReport::left).containsExactly(3, 1, 0, 0);
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4),
                messageId(5));
    }

    @Test
    void aRunToldToGiveWayEndsAfterABatchAndTheNextReadsTheRest() throws Exception {
        for (int n = 1; n <= 5; n++) {
            server.deliver(message(n, "Re: ticket " + n));
        }
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(
                TestMailboxes.withBatchSize(deleting(), 2), 10));
        AtomicInteger asked = new AtomicInteger();

        PollReport first = poller.poll(() -> asked.incrementAndGet() > 0);
        PollReport second = poller.poll();

        assertThat(asked).as("asked once, before the second batch").hasValue(1);
        assertThat(List.of(first, second)).extracting(PollReport::processed).containsExactly(2, 3);
        assertThat(List.of(first, second)).extracting(PollReport::left).containsExactly(3, 0);
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4),
                messageId(5));
    }

    @Test
    void deleteModeDeletesWhatWasProcessedButKeepsQuarantinedMessages() throws Exception {
        server.deliver(message(1, "Re: ticket"));
        server.deliver(message(2, "Auto [ignore]"));
        server.deliver(message(3, "Broken [quarantine]"));
        MailboxPoller poller = poller(deleting());

        PollReport first = poller.poll();
        PollReport second = poller.poll();

        assertThat(first.processed()).isEqualTo(3);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(3));
        assertThat(second.found()).as("the quarantined one is not read again").isZero();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    @Test
    void aSinkFailureDeletesOnlyWhatWasProcessedBeforeIt() throws Exception {
        for (int n = 1; n <= 5; n++) {
            server.deliver(message(n, "Re: ticket"));
        }
        sink.failingOn(messageId(3)::equals);
        MailboxPoller poller = poller(TestMailboxes.withBatchSize(deleting(), 2));

        PollReport failed = poller.poll();

        assertThat(failed.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("pop3:")
                .contains(messageId(3)));
        assertThat(failed).extracting(PollReport::found, PollReport::processed).containsExactly(5, 2);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(3), messageId(4), messageId(5));

        sink.healed();
        PollReport next = poller.poll();

        assertThat(next.processed()).isEqualTo(3);
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(sink.effects()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4),
                messageId(5));
    }

    @Test
    void aDeferredMessageIsNeitherDeletedNorListedAndTheRunGoesOn() throws Exception {
        for (int n = 1; n <= 3; n++) {
            server.deliver(message(n, "Re: ticket"));
        }
        sink.deferring(messageId(2)::equals);
        MailboxPoller poller = poller(deleting());

        PollReport first = poller.poll();

        assertThat(first.failure()).isEmpty();
        assertThat(first).extracting(PollReport::processed, PollReport::deferred).containsExactly(2, 1);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(2));

        sink.healed();
        PollReport next = poller.poll();

        assertThat(next).extracting(PollReport::found, PollReport::processed).containsExactly(1, 1);
        assertThat(server.messageIds("INBOX")).isEmpty();
    }

    @Test
    void shadowModeDeletesNothingAndAfterwardsTheRecordedOutcomesAreApplied() throws Exception {
        server.deliver(message(1, "Re: ticket"));
        server.deliver(message(2, "Auto [ignore]"));
        Map<String, List<String>> before = withoutSeen(server.snapshot());

        PollReport shadow = poller(TestMailboxes.withShadow(deleting(), true)).poll();
        PollReport shadowAgain = poller(TestMailboxes.withShadow(deleting(), true)).poll();

        assertThat(withoutSeen(server.snapshot())).isEqualTo(before);
        assertThat(shadow.processed()).isEqualTo(2);
        assertThat(shadowAgain.found()).isZero();
        assertThat(sink.calls()).allSatisfy(call -> assertThat(call.shadow()).isTrue());

        PollReport live = poller(deleting()).poll();

        assertThat(live.processed()).isEqualTo(2);
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(sink.effects()).containsExactly(messageId(1), messageId(2));
    }

    @Test
    void theSeenListForgetsMessagesThatLeftTheServer() throws Exception {
        server.deliver(message(1, "Re: ticket"));
        server.deliver(message(2, "Re: ticket"));
        MailboxConfig keeping = TestMailboxes.pop3(server);
        poller(keeping).poll();
        assertThat(seenRows()).isEqualTo(2);
        poller(deleting()).poll();

        poller(keeping).poll();

        assertThat(seenRows()).isZero();
    }

    @Test
    void theSinkSeesKeySizeAndStreamOfEachMessage() {
        server.deliver(message(1, "Re: ticket"));

        poller(TestMailboxes.pop3(server)).poll();

        assertThat(sink.calls()).singleElement().satisfies(call -> {
            assertThat(call.key()).startsWith("pop3:").hasSizeGreaterThan("pop3:".length());
            assertThat(call.bytesRead()).isEqualTo(message(1, "Re: ticket").length());
            // GreenMail's LIST gives the body's size, not the message's, so only the order of magnitude is known.
            assertThat(call.size()).isPositive();
        });
    }

    @Test
    void aWrongPasswordIsAFailedRun() {
        MailboxConfig config = TestMailboxes.pop3(server);
        MailboxConfig wrong = new MailboxConfig(config.name(), config.protocol(), config.host(), config.port(),
                config.security(), config.username(), Secret.of("wrong-password"), config.folder(),
                config.pollInterval(), config.idle(), config.batchSize(), config.shadow(), config.newMail(),
                config.addresses(), config.disposition());

        PollReport report = poller(wrong).poll();

        assertThat(report.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("login as support@replygate.test refused by 127.0.0.1:").doesNotContain("wrong-password"));
    }

    /**
     * The snapshot without \Seen: POP3 has no flags, but a server that offers IMAP too may mark a
     * message seen when POP3 retrieves it (GreenMail does, as Dovecot does by default); no POP3
     * client can avoid that.
     */
    private static Map<String, List<String>> withoutSeen(Map<String, List<String>> snapshot) {
        Map<String, List<String>> cleaned = new TreeMap<>();
        snapshot.forEach((folder, messages) -> cleaned.put(folder,
                messages.stream().map(message -> message.replace(", \\Seen", "").replace("\\Seen", "")).toList()));
        return cleaned;
    }

    private long seenRows() {
        return store.inTransaction(connection -> {
            try (var rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM pop3_seen")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
