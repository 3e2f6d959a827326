package dev.replygate.mailbox;

import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.Security;
import dev.replygate.inbound.PipelineConfigFile;
import dev.replygate.mailbox.ScriptedImapServer.StubMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message whose body the IMAP server refuses ({@code NO}) or cuts short, or the POP3 server's RETR answers
 * {@code -ERR}, is never processed as an empty or a
 * shorter message: with the real inbound stage, it is left unrecorded where it is while the others are
 * processed, read whole at the next run once the server serves it, and quarantined with the server's refusal
 * at the inbound stage's third failed attempt ({@code inbound.max-attempts}) when the server never does. The
 * mailbox goes on in every run. In shadow mode: the scripted server is read-only.
 */
class RefusedBodyIT {

    private static final long BAD = 2;

    @TempDir
    Path dir;

    private Replygate replygate;
    private final List<StubMessage> messages = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        replygate = new Replygate(ConfigLoader.load(PipelineConfigFile.write(dir, "max-attempts: 3")).config(),
                Clock.systemUTC());
        for (int n = 1; n <= 3; n++) {
            byte[] bytes = TestMessages.message(n, "Hello " + n).replace("Message number " + n + ".",
                    ("Message number " + n + ".\r\n").repeat(40)).getBytes(StandardCharsets.US_ASCII);
            messages.add(new StubMessage(n, bytes, bytes.length));
        }
    }

    @AfterEach
    void stop() {
        replygate.close();
    }

    @Test
    void aRefusedMessageWaitsUnrecordedWhileTheOthersAreProcessedAndIsReadWholeOnceServed() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of(BAD));
             MailboxPoller poller = poller(server)) {
            PollReport first = poller.poll();

            assertThat(first.failure()).as("the mailbox goes on").isEmpty();
            assertThat(first).extracting(PollReport::processed, PollReport::deferred).containsExactly(2, 1);
            assertThat(recorded()).as("no record of the refused message").containsOnlyKeys("imap:7:1", "imap:7:3");
            assertThat(failedAttempts()).as("its failed attempt is counted").containsExactly(Map.entry("imap:7:2", (Object) 1));

            server.serveAgain(BAD);
            PollReport second = poller.poll();

            assertThat(second.failure()).isEmpty();
            // the read progress stayed before it: the message after it comes again, recognised by its key
            assertThat(second).extracting(PollReport::processed, PollReport::deferred).containsExactly(2, 0);
            assertThat(recorded()).containsEntry("imap:7:2", sha256(messages.get(1).bytes()));
            assertThat(poller.poll().found()).as("nothing is given again").isZero();
        }
    }

    @Test
    void aBodyCutShortIsDeferredAndReadWholeOnceServed() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of());
             MailboxPoller poller = poller(server)) {
            server.cutFromStart(BAD);

            PollReport first = poller.poll();

            assertThat(first.failure()).isEmpty();
            assertThat(first).extracting(PollReport::processed, PollReport::deferred).containsExactly(2, 1);
            assertThat(recorded()).doesNotContainKey("imap:7:2");

            server.serveAgain(BAD);
            assertThat(poller.poll().deferred()).isZero();
            assertThat(recorded()).as("recorded with its whole bytes")
                    .containsEntry("imap:7:2", sha256(messages.get(1).bytes()));
        }
    }

    @Test
    void aMessageTheServerRefusesForeverIsQuarantinedWithTheRefusalAtTheThirdAttempt() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of(BAD));
             MailboxPoller poller = poller(server)) {
            List<PollReport> runs = List.of(poller.poll(), poller.poll(), poller.poll());

            assertThat(runs).allSatisfy(run -> assertThat(run.failure()).isEmpty());
            assertThat(runs).extracting(PollReport::deferred).containsExactly(1, 1, 0);
            assertThat(runs.get(2).quarantined()).isEqualTo(1);
            assertThat(poller.poll().found()).as("nothing is given again").isZero();
        }
        String reasons = replygate.store().inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT action, reasons FROM inbound_message WHERE message_key = 'imap:7:2'");
                 ResultSet row = q.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("quarantine");
                return row.getString(2);
            }
        });
        assertThat(reasons).isEqualTo("quarantine:processing-failed: failed 3 times; last: BodyRefused: the server"
                + " refused the body of UID 2 in INBOX: it answered NO Some messages could not be FETCHed (Failure)");
        assertThat(failedAttempts()).isEmpty();
    }

    /** With TOP listed or not (then the other messages' RETR tells, not the maildrop's size alone). */
    @ParameterizedTest(name = "TOP listed: {0}")
    @ValueSource(booleans = {true, false})
    void aPop3MessageWhoseRetrIsRefusedIsDeferredWhileTheOthersAreKeptAndReadOnceServed(boolean listsTop)
            throws Exception {
        List<byte[]> maildrop = messages.stream().map(StubMessage::bytes).toList();
        try (ScriptedPop3Server server = new ScriptedPop3Server(maildrop, Set.of((int) BAD))) {
            if (!listsTop) {
                server.hideTop();
            }
            MailboxConfig mailbox = TestMailboxes.pop3(server.port(), "support", "secret");
            MailboxPoller poller = MailboxPoller.create(mailbox, replygate.inboundPipeline(mailbox),
                    replygate.store(), Clock.systemUTC());

            PollReport first = poller.poll();

            assertThat(first.failure()).as("the mailbox goes on").isEmpty();
            assertThat(first).extracting(PollReport::processed, PollReport::deferred).containsExactly(2, 1);
            assertThat(recorded()).containsOnlyKeys("pop3:uidl-1", "pop3:uidl-3");
            String lastError = replygate.store().inTransaction(c -> {
                try (PreparedStatement q = c.prepareStatement("SELECT last_error FROM inbound_failure");
                     ResultSet row = q.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    return row.getString(1);
                }
            });
            assertThat(lastError).isEqualTo("BodyRefused: the server refused the body of message 2 (UIDL uidl-2):"
                    + " RETR gave no bytes (an -ERR, or an empty answer)");

            server.serveAgain((int) BAD);
            PollReport second = poller.poll();

            assertThat(second).extracting(PollReport::processed, PollReport::deferred).containsExactly(1, 0);
            assertThat(recorded()).containsEntry("pop3:uidl-2", sha256(messages.get(1).bytes()));
        }
    }

    @Test
    void aServerRefusingEveryBodyForThreeRunsIsAnOutageAndNothingIsQuarantinedOnceItServesAgain() throws Exception {
        Set<Long> all = Set.of(1L, 2L, 3L);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), all);
             MailboxPoller poller = observedPoller(server.port())) {
            List<PollReport> refused = List.of(poller.poll(), poller.poll(), poller.poll());

            assertThat(refused).allSatisfy(run -> {
                assertThat(run.failure()).as("the mailbox fails, naming the server's refusal").hasValueSatisfying(
                        failure -> assertThat(failure).contains("the inbound stage failed on imap:7:1",
                                "the server refuses message bodies, not this message's alone: the server refused"
                                        + " the body of UID 1 in INBOX: it answered NO Some messages could not be"
                                        + " FETCHed (Failure); and it served none of UID 3, UID 2 either"));
                assertThat(run).extracting(PollReport::processed, PollReport::deferred, PollReport::quarantined)
                        .containsExactly(0, 0, 0);
            });
            assertThat(failedAttempts()).as("nothing counted against the messages").isEmpty();
            assertThat(recorded()).isEmpty();
            assertThat(lastError()).contains("the server refuses message bodies");

            all.forEach(server::serveAgain);
            PollReport served = poller.poll();

            assertThat(served.failure()).isEmpty();
            assertThat(served).extracting(PollReport::processed, PollReport::deferred, PollReport::quarantined)
                    .containsExactly(3, 0, 0);
            assertThat(poller.poll().found()).as("nothing is given again").isZero();
        }
        assertThat(recorded()).containsExactly(Map.entry("imap:7:1", sha256(messages.get(0).bytes())),
                Map.entry("imap:7:2", sha256(messages.get(1).bytes())),
                Map.entry("imap:7:3", sha256(messages.get(2).bytes())));
        // the test messages are no replies: examined and decided as mail is, none quarantined
        assertThat(byKey("SELECT message_key, action FROM inbound_message")).as("each processed, once")
                .containsOnly(Map.entry("imap:7:1", "ignore"), Map.entry("imap:7:2", "ignore"),
                        Map.entry("imap:7:3", "ignore"));
    }

    @Test
    void aPop3ServerRefusingEveryRetrForThreeRunsIsAnOutageAndNothingIsQuarantinedOnceItServesAgain()
            throws Exception {
        aPop3ServerRefusingEveryRetrIsAnOutage(true);
    }

    /** Without TOP listed, the other messages' RETR tells: every good message was quarantined at the third run. */
    @Test
    void aPop3ServerWithoutTopRefusingEveryRetrForThreeRunsIsAnOutageAndNothingIsQuarantined() throws Exception {
        aPop3ServerRefusingEveryRetrIsAnOutage(false);
    }

    private void aPop3ServerRefusingEveryRetrIsAnOutage(boolean listsTop) throws Exception {
        List<byte[]> maildrop = messages.stream().map(StubMessage::bytes).toList();
        Set<Integer> all = Set.of(1, 2, 3);
        try (ScriptedPop3Server server = new ScriptedPop3Server(maildrop, all)) {
            if (!listsTop) {
                server.hideTop();
            }
            MailboxConfig mailbox = TestMailboxes.pop3(server.port(), "support", "secret");
            MailboxPoller poller = MailboxPoller.create(mailbox, replygate.inboundPipeline(mailbox),
                    replygate.store(), Clock.systemUTC());
            List<PollReport> refused = List.of(poller.poll(), poller.poll(), poller.poll());

            assertThat(refused).allSatisfy(run -> {
                assertThat(run.failure()).hasValueSatisfying(failure -> assertThat(failure).contains(
                        "the server refuses message bodies, not this message's alone: the server refused the body"
                                + " of message 1 (UIDL uidl-1): RETR gave no bytes (an -ERR, or an empty answer);"
                                + " and it served none of message 3, message 2 either"));
                assertThat(run).extracting(PollReport::processed, PollReport::deferred, PollReport::quarantined)
                        .containsExactly(0, 0, 0);
            });
            assertThat(failedAttempts()).isEmpty();

            all.forEach(server::serveAgain);

            assertThat(poller.poll()).extracting(PollReport::processed, PollReport::deferred, PollReport::failure)
                    .containsExactly(3, 0, Optional.empty());
            assertThat(recorded()).containsOnlyKeys("pop3:uidl-1", "pop3:uidl-2", "pop3:uidl-3");
        }
    }

    /**
     * A stranger's messages the server cannot serve (ten in a row, more than the first probe asks about) at the
     * head of the mailbox: the mailbox goes on with the mail after them in the same run; they wait unrecorded.
     */
    @Test
    void aRowOfRefusedMessagesAtTheHeadOfTheMailboxDoesNotStopTheMailMeantForUsAfterIt() throws Exception {
        List<StubMessage> mailbox = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            byte[] bytes = TestMessages.message(n, "Hello " + n).getBytes(StandardCharsets.US_ASCII);
            mailbox.add(new StubMessage(n, bytes, bytes.length));
        }
        Set<Long> stranger = Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        try (ScriptedImapServer server = new ScriptedImapServer(mailbox, Set.of(), stranger);
             MailboxPoller poller = poller(server)) {
            PollReport first = poller.poll();

            assertThat(first.failure()).as("the mailbox goes on").isEmpty();
            assertThat(first).extracting(PollReport::processed, PollReport::deferred).containsExactly(2, 10);
            assertThat(recorded()).containsOnlyKeys("imap:7:11", "imap:7:12");
        }
    }

    /**
     * The only new message, refused: nothing tells the server's trouble from the message's, so nothing is counted
     * and the mailbox's error says so; once another message arrives, the refusal counts against it and the other
     * one is processed.
     */
    @Test
    void aLoneRefusedMessageIsCountedAgainstNothingUntilAnotherMessageTells() throws Exception {
        try (ScriptedImapServer lone = new ScriptedImapServer(messages.subList(0, 1), Set.of(), Set.of(1L));
             MailboxPoller poller = observedPoller(lone.port())) {
            PollReport first = poller.poll();

            assertThat(first.failure()).hasValueSatisfying(failure -> assertThat(failure).contains(
                    "cannot tell whether the server or the message is at fault: the server refused the body of UID 1"
                            + " in INBOX", "no other message to compare with: nothing is counted against it"));
            assertThat(lastError()).as("the status page says why")
                    .contains("cannot tell whether the server or the message is at fault");
            assertThat(failedAttempts()).isEmpty();
        }
        try (ScriptedImapServer two = new ScriptedImapServer(messages.subList(0, 2), Set.of(), Set.of(1L));
             MailboxPoller poller = observedPoller(two.port())) {
            PollReport second = poller.poll();

            assertThat(second.failure()).isEmpty();
            assertThat(second).extracting(PollReport::processed, PollReport::deferred).containsExactly(1, 1);
            assertThat(failedAttempts()).containsExactly(Map.entry("imap:7:1", (Object) 1));
        }
    }

    private MailboxPoller poller(ScriptedImapServer server) {
        MailboxConfig configured = replygate.config().mailboxes().get(0);
        MailboxConfig mailbox = TestMailboxes.withShadow(
                TestMailboxes.withServer(configured, server.port(), Security.NONE), true);
        return MailboxPoller.create(mailbox, replygate.inboundPipeline(mailbox), replygate.store(),
                Clock.systemUTC());
    }

    /** A poller as the daemon runs it: its runs' outcomes kept in the store (mailbox_state). */
    private MailboxPoller observedPoller(int port) {
        MailboxConfig configured = replygate.config().mailboxes().get(0);
        MailboxConfig mailbox = TestMailboxes.withShadow(TestMailboxes.withServer(configured, port, Security.NONE), true);
        return MailboxPoller.create(mailbox, replygate.inboundPipeline(mailbox), replygate.store(), Clock.systemUTC(),
                replygate.meters(), replygate.config().instance());
    }

    /** The mailbox's last error, as the status page shows it. */
    private String lastError() {
        return new MailboxStates(replygate.store(), Clock.systemUTC()).all().stream()
                .flatMap(state -> state.lastError().stream()).findFirst().orElseThrow();
    }

    /** The SHA-256 of each recorded message's bytes, by key, in hex. */
    private Map<String, Object> recorded() {
        Map<String, Object> hashes = new TreeMap<>();
        byKey("SELECT message_key, sha256 FROM inbound_message")
                .forEach((key, hash) -> hashes.put(key, HexFormat.of().formatHex((byte[]) hash)));
        return hashes;
    }

    private Map<String, Object> failedAttempts() {
        return byKey("SELECT message_key, attempts FROM inbound_failure");
    }

    /** The second column of {@code query}'s rows by the first. */
    private Map<String, Object> byKey(String query) {
        return replygate.store().inTransaction(c -> {
            Map<String, Object> rows = new TreeMap<>();
            try (PreparedStatement q = c.prepareStatement(query);
                 ResultSet row = q.executeQuery()) {
                while (row.next()) {
                    rows.put(row.getString(1), row.getObject(2));
                }
            }
            return rows;
        });
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
