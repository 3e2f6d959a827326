package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POP3 server that breaks RFC 1939's UIDLs (1 to 70 characters from 0x21 to 0x7E), as servers in the wild do:
 * the mailbox goes on, each message is read once across runs and restarts, or not at all when it has no UIDL of its
 * own, and the run's report says why.
 */
class OddUidlIT {

    private Store store;
    private RecordingSink sink;

    @BeforeEach
    void start() {
        store = TestStores.h2();
        sink = new RecordingSink();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    static Stream<Named<byte[]>> uidlsTheStoreCannotHold() {
        return Stream.of(
                Named.of("71 characters", ascii("u".repeat(71))),
                Named.of("300 characters", ascii("v".repeat(300))),
                Named.of("2 000 characters", ascii("w".repeat(2000))),
                Named.of("80 characters with spaces", ascii("a b ".repeat(20))),
                Named.of("100 characters with 8-bit bytes", eightBit(100)),
                Named.of("a NUL", ascii("n\0n")));
    }

    @ParameterizedTest
    @MethodSource("uidlsTheStoreCannotHold")
    void aUidlTheStoreCannotHoldIsReadOnceUnderItsDigestAcrossRestarts(byte[] uidl) throws Exception {
        try (ScriptedPop3Server server = server(3)) {
            server.listUidls(List.of(ascii("uidl-1"), uidl, ascii("uidl-3")));

            PollReport first = poller(server).poll();
            PollReport restarted = poller(server).poll();

            assertThat(first.failure()).isEmpty();
            assertThat(first.processed()).isEqualTo(3);
            assertThat(restarted.failure()).isEmpty();
            assertThat(restarted.found()).as("nothing new after a restart").isZero();
            assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
            String key = sink.calls().get(1).key();
            assertThat(key).startsWith("pop3:" + Pop3Uidl.DIGEST_MARKER).hasSize("pop3:".length() + 51);
            assertThat(seen(server)).containsExactlyInAnyOrder("uidl-1", key.substring("pop3:".length()), "uidl-3");
        }
    }

    @Test
    void longUidlsThatDifferOnlyAfterTheirFirst70CharactersAreTwoMessages() throws Exception {
        try (ScriptedPop3Server server = server(2)) {
            server.listUidls(List.of(ascii("x".repeat(299) + "1"), ascii("x".repeat(299) + "2")));

            PollReport first = poller(server).poll();
            PollReport restarted = poller(server).poll();

            assertThat(first.processed()).isEqualTo(2);
            assertThat(restarted.found()).isZero();
            assertThat(sink.given()).containsExactly(messageId(1), messageId(2));
            assertThat(sink.calls().get(0).key()).isNotEqualTo(sink.calls().get(1).key());
        }
    }

    @Test
    void uidlsWithSpacesOr8BitBytesThatTheStoreAlwaysHeldKeepTheirKeys() throws Exception {
        try (ScriptedPop3Server server = server(3)) {
            server.listUidls(List.of(ascii("a b"), new byte[] {'x', (byte) 0xE9, 'y'}, ascii("!~")));

            PollReport first = poller(server).poll();
            PollReport restarted = poller(server).poll();

            assertThat(first.processed()).isEqualTo(3);
            assertThat(restarted.found()).isZero();
            assertThat(sink.calls()).extracting(RecordingSink.Call::key)
                    .as("the keys of records made before replygate knew odd UIDLs")
                    .containsExactly("pop3:a b", "pop3:x\u00e9y", "pop3:!~");
        }
    }

    @Test
    void messagesSharingOneUidlAreNeitherReadAndEveryRunSaysWhy() throws Exception {
        try (ScriptedPop3Server server = server(3)) {
            server.listUidls(List.of(ascii("same"), ascii("uidl-2"), ascii("same")));

            MailboxStates states = new MailboxStates(store, Clock.systemUTC(), "node-a");
            PollReport first = new ObservedPoller(poller(server), List.of(states::record)).poll();
            PollReport restarted = poller(server).poll();

            assertThat(states.all()).singleElement().satisfies(state -> assertThat(state.lastError())
                    .as("what mailbox list and the status page show").hasValueSatisfying(error -> assertThat(error)
                            .contains("does not give each message a UIDL of its own", "messages 1, 3 have one UIDL (same)")));
            assertThat(first.failed()).as("the run read the others").isFalse();
            assertThat(first.summary()).contains("processed 1", "2 left on the server unread: ");
            assertThat(sink.given()).as("neither is taken for the other").containsExactly(messageId(2));
            assertThat(first.processed()).isEqualTo(1);
            assertThat(first.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("messages 1, 3 have one UIDL (same)"));
            assertThat(restarted.failure()).isEqualTo(first.failure());
            assertThat(seen(server)).containsExactly("uidl-2");
        }
    }

    @Test
    void aMessageListedWithTheUidlOfOneReadBeforeIsNotTakenForIt() throws Exception {
        try (ScriptedPop3Server server = server(3)) {
            server.listUidls(List.of(ascii("old"), ascii("uidl-2"), ascii("uidl-3")));
            poller(server).poll();
            // the server now gives message 3 the UIDL of message 1, which was read and kept
            server.listUidls(List.of(ascii("old"), ascii("uidl-2"), ascii("old")));

            PollReport next = poller(server).poll();

            assertThat(next.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("messages 1, 3 have one UIDL (old)"));
            assertThat(seen(server)).as("message 1's row stays while it is on the server")
                    .containsExactlyInAnyOrder("old", "uidl-2");
            assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
        }
    }

    @Test
    void messagesWithoutAUidlOrWithAnEmptyOneAreNotReadAndTheOthersAre() throws Exception {
        try (ScriptedPop3Server server = server(3)) {
            server.listUidls(Arrays.asList(null, new byte[0], ascii("uidl-3")));

            PollReport first = poller(server).poll();
            PollReport restarted = poller(server).poll();

            assertThat(sink.given()).containsExactly(messageId(3));
            assertThat(first.processed()).isEqualTo(1);
            assertThat(first.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("message 1 has no UIDL", "message 2 has an empty UIDL"));
            assertThat(restarted.found()).isZero();
            assertThat(restarted.failure()).isEqualTo(first.failure());
            assertThat(restarted.summary()).as("not a run that read nothing").startsWith("found 0, processed 0")
                    .contains("2 left on the server unread: ");
        }
    }

    @Test
    void manyMessagesWithoutAKeyAreCountedNotAllListed() throws Exception {
        try (ScriptedPop3Server server = server(9)) {
            List<byte[]> uidls = new ArrayList<>(IntStream.rangeClosed(1, 8).mapToObj(n -> new byte[0]).toList());
            uidls.add(ascii("uidl-9"));
            server.listUidls(uidls);

            PollReport report = poller(server).poll();

            assertThat(sink.given()).containsExactly(messageId(9));
            assertThat(report.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("message 5 has an empty UIDL; 3 more").doesNotContain("message 6"));
        }
    }

    @Test
    void aListingLineWithoutAMessageNumberDoesNotStopTheMailbox() throws Exception {
        try (ScriptedPop3Server server = server(2)) {
            server.listUidls(List.of(ascii("uidl-1"), ascii("uidl-2")));
            server.addToUidlListing("not-a-number uidl-x");

            PollReport first = poller(server).poll();
            PollReport restarted = poller(server).poll();

            assertThat(first.failure()).isEmpty();
            assertThat(restarted.found()).isZero();
            assertThat(sink.given()).containsExactly(messageId(1), messageId(2));
            assertThat(seen(server)).containsExactlyInAnyOrder("uidl-1", "uidl-2");
        }
    }

    @Test
    void aBareOkToUidlOfOneMessageLeavesItUnreadAndNamedAndTheOthersAreRead() throws Exception {
        try (ScriptedPop3Server server = server(3)) {
            server.listUidls(Arrays.asList(ascii("uidl-1"), null, ascii("uidl-3")));
            server.answerUidlOfUnlistedWithBareOk();

            PollReport first = poller(server).poll();
            PollReport restarted = poller(server).poll();

            assertThat(first.failed()).as("the run read the others").isFalse();
            assertThat(sink.given()).containsExactly(messageId(1), messageId(3));
            assertThat(first.unread()).isEqualTo(1);
            assertThat(first.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("the server answered UIDL <n> with +OK and no UIDL for message 2")
                    .doesNotContain("NullPointerException"));
            assertThat(restarted.found()).isZero();
            assertThat(restarted.failure()).isEqualTo(first.failure());
            assertThat(server.maildrop()).as("left on the server").hasSize(3);
            assertThat(seen(server)).containsExactlyInAnyOrder("uidl-1", "uidl-3");
        }
    }

    @Test
    void aFloodOfBareOksToUidlIsOneNamedReasonAndTheListedMessageIsRead() throws Exception {
        int flood = 40;
        try (ScriptedPop3Server server = server(flood + 1)) {
            List<byte[]> uidls = new ArrayList<>(Collections.nCopies(flood, (byte[]) null));
            uidls.add(ascii("uidl-last"));
            server.listUidls(uidls);
            server.answerUidlOfUnlistedWithBareOk();

            PollReport report = poller(server).poll();

            assertThat(report.failed()).isFalse();
            assertThat(sink.given()).containsExactly(messageId(flood + 1));
            assertThat(report.unread()).isEqualTo(flood);
            assertThat(report.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("+OK and no UIDL for messages 1, 2, 3, 4, 5, 6, 7, 8 and " + (flood - 8) + " more")
                    .doesNotContain("9, ").hasSizeLessThan(400));
        }
    }

    @Test
    void aServerThatAnswersEveryUidlWithABareOkIsRefusedByName() throws Exception {
        try (ScriptedPop3Server server = server(2)) {
            server.listUidls(Arrays.asList(null, null));
            server.answerUidlOfUnlistedWithBareOk();

            PollReport report = poller(server).poll();

            assertThat(sink.given()).isEmpty();
            assertThat(report.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("the server does not give UIDLs (the server answered UIDL <n> with +OK and no UIDL for"
                            + " messages 1, 2)").doesNotContain("NullPointerException"));
            assertThat(server.maildrop()).hasSize(2);
        }
    }

    @Test
    void manyMessagesSharingOneUidlAreNamedInOneBoundedReason() throws Exception {
        try (ScriptedPop3Server server = server(30)) {
            server.listUidls(Collections.nCopies(30, ascii("same")));

            PollReport report = poller(server).poll();

            assertThat(sink.given()).isEmpty();
            assertThat(report.unread()).isEqualTo(30);
            assertThat(report.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("messages 1, 2, 3, 4, 5, 6, 7, 8 and 22 more have one UIDL (same)"));
        }
    }

    @Test
    void aServerThatGivesNoUidlsIsNotRead() throws Exception {
        try (ScriptedPop3Server server = server(2)) {
            server.listUidls(Arrays.asList(null, null));

            PollReport report = poller(server).poll();

            assertThat(sink.given()).isEmpty();
            assertThat(report.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("the server does not give UIDLs"));
        }
    }

    private static ScriptedPop3Server server(int messages) throws Exception {
        return new ScriptedPop3Server(IntStream.rangeClosed(1, messages)
                .mapToObj(n -> ascii(TestMessages.message(n, "Re: ticket " + n))).toList(), Set.of());
    }

    private MailboxConfig config(ScriptedPop3Server server) {
        return TestMailboxes.pop3(server.port(), "support", "secret");
    }

    /** A new poller on the same store: what a restart of replygate has. */
    private MailboxPoller poller(ScriptedPop3Server server) {
        return MailboxPoller.create(config(server), sink, store, Clock.systemUTC());
    }

    private Set<String> seen(ScriptedPop3Server server) {
        MailboxConfig config = config(server);
        return new Pop3SeenList(store, Clock.systemUTC()).load(config.name(), ReadMode.of(config));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code length} bytes, every other one 8-bit. */
    private static byte[] eightBit(int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < length; i++) {
            bytes.write(i % 2 == 0 ? 'z' : 0x80 + i % 0x7F);
        }
        return bytes.toByteArray();
    }
}
