package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.ScriptedImapServer.StubMessage;
import dev.replygate.testsupport.DovecotServer;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A batch's small messages come in few UID FETCH commands, byte for byte as a streamed read gives them; every body
 * given out has its end checked, so one the server refused or cut fails with {@link BodyRefused}, while one whose
 * announced size was only an estimate comes whole (on GreenMail and Dovecot too).
 */
class BodyPrefetchIT {

    private TestMailServer server;

    @BeforeEach
    void start() {
        server = new TestMailServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void smallMessagesComeInOneFetchAndLargeOnesAreStreamedByteForByteTheSame() throws Exception {
        int count = 12;
        for (int n = 1; n <= count; n++) {
            // every fourth message is larger than a message examined in memory: it is streamed, not prefetched
            int padding = n % 4 == 0 ? (int) BodyPrefetch.MAX_MESSAGE_BYTES + 5_000 : 200 * n;
            server.deliver(padded(n, padding));
        }
        List<String> commands = readEachThroughAPrefetch(TestMailboxes.imap(server));

        assertThat(commands.stream().filter(line -> line.contains("UID FETCH") && line.contains("BODY.PEEK[]<")))
                .as("whole-message fetches: one for the nine small messages").hasSize(1);
        long blocksPerLarge = BodyPrefetch.MAX_MESSAGE_BYTES / MailSessions.IMAP_FETCH_BLOCK + 1;
        assertThat(commands.stream().filter(line -> line.contains("BODY.PEEK[]<") && !line.contains("UID FETCH"))
                .count())
                .as("partial fetches: the three large messages, streamed").isBetween(3 * blocksPerLarge,
                        3 * (blocksPerLarge + 1));
    }

    @Test
    void messagesTheServerRefusesInTheGroupFetchAreReadOnTheirOwnAndTheOthersKeepTheirBytes() throws Exception {
        List<StubMessage> messages = stubMessages(10, 4, n -> 3_000 + 500 * n, n -> 3_000 + 500 * n);
        long bad = 11;
        // served when asked alone (Gmail's "Some messages could not be FETCHed" for a message it will give later)
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(bad), Set.of())) {
            List<Object> read = readEach(server, true);
            assertThat(read).isEqualTo(readEach(server, false));
            assertThat(read.get(0)).isEqualTo(text(messages.get(0)));
            assertThat(read.get(1)).isEqualTo(text(messages.get(1)));
            assertThat(server.bodyFetches()).filteredOn(ScriptedImapServer.BodyFetch::byUid)
                    .as("one group fetch, not one more per missing message").hasSize(1);
        }
    }

    @Test
    void aMessageTheServerAlwaysRefusesFailsAloneWithBodyRefusedPrefetchedOrStreamed() throws Exception {
        List<StubMessage> messages = stubMessages(10, 4, n -> 2_000, n -> 2_000);
        long bad = 11;
        // NO however it is asked for (Angus's own streamed read takes it for an empty body)
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(bad), Set.of(bad))) {
            List<Object> prefetched = readEach(server, true);
            List<Object> streamed = readEach(server, false);
            assertThat(prefetched.get(1)).as("the refused message").isEqualTo(BodyRefused.class)
                    .isEqualTo(streamed.get(1));
            for (int i : new int[] {0, 2, 3}) {
                assertThat(prefetched.get(i)).as("message %d", i + 1).isEqualTo(text(messages.get(i)))
                        .isEqualTo(streamed.get(i));
            }
            assertThat(failureOfSecond(server)).isInstanceOf(BodyRefused.class)
                    .hasMessage("the server refused the body of UID 11 in INBOX: it answered"
                            + " NO Some messages could not be FETCHed (Failure)");
        }
    }

    @Test
    void aServerThatRefusesEveryBodyFailsEachReadAsAnOutageNotAsTheMessagesOwnRefusal() throws Exception {
        List<StubMessage> messages = stubMessages(10, 4, n -> 2_000, n -> 2_000);
        Set<Long> all = Set.of(10L, 11L, 12L, 13L);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, all, all)) {
            assertThat(readEach(server, true)).as("prefetched").containsOnly(ServerRefusesBodies.class);
            assertThat(readEach(server, false)).as("streamed").containsOnly(ServerRefusesBodies.class);
            assertThat(failureOfSecond(server)).hasMessage("the server refuses message bodies, not this message's"
                    + " alone: the server refused the body of UID 11 in INBOX: it answered NO Some messages could"
                    + " not be FETCHed (Failure); and it served none of UID 13, UID 12, UID 10 either");
        }
    }

    @Test
    void aMessageExpungedByAnotherClientIsNoRefusalButFailsAsAngusFailsIt() throws Exception {
        List<StubMessage> messages = stubMessages(10, 3, n -> 2_000, n -> 2_000);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            server.expungedElsewhere(11);
            assertThat(readEach(server, true)).as("the expunged one: an outage, never counted against it")
                    .containsExactly(text(messages.get(0)), IOException.class, text(messages.get(2)));
            assertThat(failureOfSecond(server)).isNotInstanceOf(BodyRefused.class)
                    .hasMessage("UID 11 in INBOX was expunged by another client while it was read");
        }
    }

    @Test
    void aBodyCutShortFailsWhereOneWhoseSizeWasAnEstimateComesWhole() throws Exception {
        int block = MailSessions.IMAP_FETCH_BLOCK;
        int large = (int) BodyPrefetch.MAX_MESSAGE_BYTES + 5_000;
        // 1: true size; 2: cut at half by the server; 3: smaller than claimed (an estimate); 4: larger than
        // claimed; 5: a large one (streamed) cut at half; 6: exactly one fetch block, claimed far smaller
        // (streamed, its end met by an empty fetch); 7: claimed far smaller, refused beyond its first block
        List<StubMessage> messages = stubMessages(10, 7,
                n -> switch (n) {
                    case 3 -> 2_600;
                    case 4 -> 1_500;
                    case 5 -> large;
                    case 6, 7 -> 1_000;
                    default -> 2_000;
                },
                n -> switch (n) {
                    case 5, 7 -> large;
                    case 6 -> block;
                    default -> 2_000;
                });
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            server.cutFromStart(11);
            server.cutFromStart(14);
            server.refuseBeyondStart(16);
            List<Object> prefetched = readEach(server, true);
            List<Object> streamed = readEach(server, false);
            for (int i = 0; i < messages.size(); i++) {
                Object expected = i == 1 || i == 4 || i == 6 ? BodyRefused.class : text(messages.get(i));
                assertThat(prefetched.get(i)).as("message %d, prefetched", i + 1).isEqualTo(expected);
                assertThat(streamed.get(i)).as("message %d, streamed", i + 1).isEqualTo(expected);
            }
            assertThat(failureOfSecond(server)).isInstanceOf(BodyRefused.class)
                    .hasMessage("the server refused the body of UID 11 in INBOX: it ended it at byte 1000 of 2000"
                            + " and has more");
        }
    }

    /**
     * A stranger's message of exactly two fetch blocks, as large as the server says, on a server that refuses a
     * piece from beyond a body's end (NO where RFC 3501 asks for an empty string): read whole, not taken for a
     * refusal (which would quarantine good mail) by a needless look past its end.
     */
    @Test
    void aStreamedBodyEndingOnABlockWhereTheServersSizeSaysIsWholeWithoutALookPastItsEnd() throws Exception {
        int blocks = 2 * MailSessions.IMAP_FETCH_BLOCK;
        List<StubMessage> messages = stubMessages(10, 2, n -> blocks, n -> blocks);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            server.refusePastEnd(10);
            server.refusePastEnd(11);
            assertThat(readEach(server, false)).containsExactly(text(messages.get(0)), text(messages.get(1)));
        }
    }

    @Test
    void anOverEstimatedSizeIsConfirmedAsTheEndOnGreenMail() throws Exception {
        server.deliver(TestMessages.message(1, "Hello"));
        assertTheEndIsConfirmed(TestMailboxes.imap(server));
    }

    @Test
    void anOverEstimatedSizeIsConfirmedAsTheEndOnDovecot() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(); DovecotMailbox mailbox = new DovecotMailbox(dovecot)) {
            mailbox.deliver(TestMessages.message(1, "Hello"));
            assertTheEndIsConfirmed(mailbox.config());
        }
    }

    @Test
    void otherMessagesBodiesAreSeenServedOrNotOnGreenMailAndDovecot() throws Exception {
        for (int n = 1; n <= 3; n++) {
            server.deliver(TestMessages.message(n, "Hello " + n));
        }
        assertServedBodiesAreSeen(TestMailboxes.imap(server));
        try (DovecotServer dovecot = DovecotServer.start(); DovecotMailbox mailbox = new DovecotMailbox(dovecot)) {
            for (int n = 1; n <= 3; n++) {
                mailbox.deliver(TestMessages.message(n, "Hello " + n));
            }
            assertServedBodiesAreSeen(mailbox.config());
        }
    }

    @Test
    void aMessageExpungedByAnotherClientWhileWeReadIsNoRefusalOnDovecot() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start(); DovecotMailbox other = new DovecotMailbox(dovecot)) {
            for (int n = 1; n <= 3; n++) {
                other.deliver(TestMessages.message(n, "Hello " + n));
            }
            withFolder(other.config(), session(other.config(), new ByteArrayOutputStream()), (folder, messages) -> {
                BodyPrefetch bodies = prefetch(folder, messages.subList(1, 2));
                other.moveAway("Elsewhere", List.of(TestMessages.messageId(2)));

                Throwable failure = catchThrowable(() -> {
                    try (InputStream in = bodies.open(messages.get(1))) {
                        in.readAllBytes();
                    }
                });

                assertThat(failure).as("an outage as before, never counted against the message")
                        .isInstanceOf(IOException.class).isNotInstanceOf(BodyRefused.class);
            });
        }
    }

    /**
     * Reads the first message with its size claimed 700 bytes larger, prefetched and streamed: whole, one probe
     * each past its end, which a real server answers empty (RFC 3501 6.4.5).
     */
    private static void assertTheEndIsConfirmed(MailboxConfig config) throws Exception {
        ByteArrayOutputStream protocolLog = new ByteArrayOutputStream();
        withFolder(config, session(config, protocolLog), (folder, messages) -> {
            IMAPMessage message = messages.get(0);
            long uid = folder.getUID(message);
            byte[] real;
            try (InputStream in = RawStreams.open(message)) {
                real = in.readAllBytes();
            }
            assertThat((long) real.length).isEqualTo(message.getSizeLong());
            ImapBodyEnds ends = ends(folder, messages);
            long claimed = real.length + 700L;
            int before = protocolLog.size();

            try (InputStream streamed = ends.checked(message, uid, claimed, RawStreams.open(message), true);
                 InputStream prefetched = ends.checked(message, uid, claimed, new ByteArrayInputStream(real), false)) {
                assertThat(streamed.readAllBytes()).isEqualTo(real);
                assertThat(prefetched.readAllBytes()).isEqualTo(real);
            }
            assertThat(protocolLog.toString(StandardCharsets.UTF_8).substring(before).lines()
                    .filter(line -> line.contains("UID FETCH " + uid + " (UID BODY.PEEK[]<" + real.length + ".1>)")))
                    .as("one probe past the end for each read").hasSize(2);
        });
    }

    /**
     * The witnesses' question, asked of a real server: it serves the first byte of messages it holds (one asked,
     * or several in one command), and none of UIDs it does not hold.
     */
    private static void assertServedBodiesAreSeen(MailboxConfig config) throws Exception {
        withFolder(config, session(config, new ByteArrayOutputStream()), (folder, messages) -> {
            ImapBodyEnds ends = ends(folder, messages);
            long second = folder.getUID(messages.get(1));
            long third = folder.getUID(messages.get(2));
            long missing = third + 1000;

            assertThat(ends.servesAny(List.of(second))).isTrue();
            assertThat(ends.servesAny(List.of(third, second, missing))).isTrue();
            assertThat(ends.servesAny(List.of(missing, missing + 1))).as("UIDs it does not hold").isFalse();
        });
    }

    /** A session of {@code config} whose protocol dialogue goes to {@code protocolLog}. */
    private static Session session(MailboxConfig config, ByteArrayOutputStream protocolLog) {
        Session session = Session.getInstance(MailSessions.properties(config, MailSessions.READ_TIMEOUT));
        session.setDebug(true);
        session.setDebugOut(new PrintStream(protocolLog, true, StandardCharsets.UTF_8));
        return session;
    }

    @Test
    void messagesLargerThanTheirClaimedSizeAreStreamedAndAPrefetchHoldsNoMoreThanItsBudget() throws Exception {
        int count = 60;
        // every third message tells its size truly; the others claim 1 000 bytes, and some of them are
        // far larger (up to beyond the prefetch limit), some just a little (an estimate slightly off)
        List<StubMessage> messages = stubMessages(100, count,
                n -> n % 3 == 0 ? 2_000 : 1_000,
                n -> n % 3 == 0 ? 2_000 : n % 3 == 1 ? 1_300
                        : n % 10 == 2 ? (int) BodyPrefetch.MAX_MESSAGE_BYTES + 40_000 : 120_000);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            List<ScriptedImapServer.BodyFetch> groups = groupFetchesOfReadingEach(server, messages);
            assertThat(groups).isNotEmpty().allSatisfy(group -> assertThat(group.bytesSent())
                    .isLessThanOrEqualTo(BodyPrefetch.BUDGET_BYTES + BodyPrefetch.MAX_MESSAGE_BYTES + 1));
            Set<Long> streamedAlone = server.bodyFetches().stream().filter(fetch -> !fetch.byUid())
                    .flatMap(fetch -> fetch.uids().stream()).collect(Collectors.toSet());
            for (StubMessage message : messages) {
                boolean grown = message.bytes().length > BodyPrefetch.literalLimit(message.claimedSize());
                assertThat(streamedAlone.contains(message.uid()))
                        .as("message %d (%d bytes, claimed %d) streamed on its own", message.uid(),
                                message.bytes().length, message.claimedSize()).isEqualTo(grown);
            }
        }
    }

    /**
     * Replies of a few KB with one in ten carrying a 200 KB attachment (the benchmark's mix): the attachments are
     * not streamed in blocks of their own, nor do they shrink the fetch of the replies around them; the
     * replies come in one fetch and the attachments together, each fetch within its budget.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void repliesAroundLargerMessagesComeInOneFetchAndTheLargerOnesTogether(int place) throws Exception {
        int count = 40;
        List<StubMessage> messages = stubMessages(100, count,
                n -> n % 10 == place ? 270_000 : 3_000, n -> n % 10 == place ? 270_000 : 3_000);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            List<ScriptedImapServer.BodyFetch> groups = groupFetchesOfReadingEach(server, messages);
            assertThat(server.bodyFetches()).as("no message streamed on its own").hasSameSizeAs(groups);
            assertThat(groups).as("the 36 replies in one fetch, the 4 larger ones in at most two")
                    .hasSizeLessThanOrEqualTo(3)
                    .anySatisfy(group -> assertThat(group.uids()).hasSize(36))
                    .allSatisfy(group -> assertThat(group.bytesSent())
                            .isLessThanOrEqualTo(BodyPrefetch.BUDGET_BYTES + BodyPrefetch.MAX_MESSAGE_BYTES + 1));
        }
    }

    /**
     * What a fetch brings beside the bytes still held from earlier fetches (fetched, not opened yet) stays within
     * the budget and one message's cut: replies whose size was an estimate (each near its cut) fill one fetch, and
     * four larger ones it passed over do not come together on top of them.
     */
    @Test
    void aFetchAndTheBytesStillHeldStayWithinTheBudgetAndOneCut() throws Exception {
        int count = 360;
        List<StubMessage> messages = stubMessages(100, count,
                n -> n >= 5 && n <= 8 ? 260_000 : 1_000, n -> n >= 5 && n <= 8 ? 524_000 : 6_000);
        Map<Long, Integer> sizes = new HashMap<>();
        messages.forEach(message -> sizes.put(message.uid(), message.bytes().length));
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            List<ScriptedImapServer.BodyFetch> groups = groupFetchesOfReadingEach(server, messages);
            for (int i = 0; i < groups.size(); i++) {
                long first = Collections.min(groups.get(i).uids());
                long held = 0;
                for (ScriptedImapServer.BodyFetch earlier : groups.subList(0, i)) {
                    held += earlier.uids().stream().filter(uid -> uid > first).mapToLong(sizes::get).sum();
                }
                assertThat(held + groups.get(i).bytesSent()).as("fetch %d: %d bytes held before it", i, held)
                        .isLessThanOrEqualTo(BodyPrefetch.BUDGET_BYTES + BodyPrefetch.MAX_MESSAGE_BYTES + 1);
            }
        }
    }

    /** Messages between one partial-fetch block and 1 MiB come whole in a prefetch, byte for byte, on real servers. */
    @Test
    void messagesUpToOneMebibyteArePrefetchedByteForByteOnGreenMailAndDovecot() throws Exception {
        for (int n = 1; n <= 8; n++) {
            server.deliver(midSizeMix(n));
        }
        assertPrefetchedWhole(TestMailboxes.imap(server));
        try (DovecotServer dovecot = DovecotServer.start(); DovecotMailbox mailbox = new DovecotMailbox(dovecot)) {
            for (int n = 1; n <= 8; n++) {
                mailbox.deliver(midSizeMix(n));
            }
            assertPrefetchedWhole(mailbox.config());
        }
    }

    /** Reads each of {@code messages} through a prefetch, checks its bytes, and returns the grouped fetches the server saw. */
    private static List<ScriptedImapServer.BodyFetch> groupFetchesOfReadingEach(ScriptedImapServer server,
                                                                              List<StubMessage> messages)
            throws Exception {
        List<Object> read = readEach(server, true);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(read.get(i)).as("message %d", i + 1).isEqualTo(text(messages.get(i)));
        }
        return server.bodyFetches().stream().filter(ScriptedImapServer.BodyFetch::byUid).toList();
    }

    /** Every third message some 270 KB, the others a few hundred bytes. */
    private static String midSizeMix(int n) {
        return padded(n, n % 3 == 0 ? 270_000 + 1_000 * n : 200 * n);
    }

    private static void assertPrefetchedWhole(MailboxConfig config) throws Exception {
        assertThat(readEachThroughAPrefetch(config).stream()
                .filter(line -> line.contains("BODY.PEEK[]<") && !line.contains("UID FETCH")))
                .as("nothing streamed").isEmpty();
    }

    /** Test message {@code n} with some {@code padding} bytes of lines added to its text. */
    private static String padded(int n, int padding) {
        return TestMessages.message(n, "Message " + n).replace("Message number " + n + ".",
                "Message number " + n + ".\r\n" + "x".repeat(70).concat("\r\n").repeat(padding / 72 + 1));
    }

    /**
     * Reads each message of {@code config}'s folder through a prefetch, checks its bytes against a streamed read
     * and its size against the server's, and returns the protocol lines the prefetch's reads sent.
     */
    private static List<String> readEachThroughAPrefetch(MailboxConfig config) throws Exception {
        ByteArrayOutputStream protocolLog = new ByteArrayOutputStream();
        List<String> commands = new ArrayList<>();
        withFolder(config, session(config, protocolLog), (folder, batch) -> {
            BodyPrefetch bodies = prefetch(folder, batch);
            int logBefore = protocolLog.size();
            List<byte[]> prefetched = new ArrayList<>();
            for (IMAPMessage message : batch) {
                try (InputStream in = bodies.open(message)) {
                    prefetched.add(in.readAllBytes());
                }
            }
            commands.addAll(protocolLog.toString(StandardCharsets.UTF_8).substring(logBefore).lines().toList());
            for (int i = 0; i < batch.size(); i++) {
                try (InputStream in = RawStreams.open(batch.get(i))) {
                    assertThat(prefetched.get(i)).as("message %d", i + 1).isEqualTo(in.readAllBytes());
                }
                assertThat((long) prefetched.get(i).length).isEqualTo(batch.get(i).getSizeLong());
            }
        });
        return commands;
    }

    @Test
    void aMessageOpenedAgainIsReadOnItsOwnNotWithItsWindow() throws Exception {
        List<StubMessage> messages = stubMessages(10, 5, n -> 2_000, n -> 2_000);
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of())) {
            withFolder(server, (folder, batch) -> {
                BodyPrefetch bodies = prefetch(folder, batch);
                for (int time = 0; time < 2; time++) {
                    try (InputStream in = bodies.open(batch.get(0))) {
                        assertThat(in.readAllBytes()).isEqualTo(messages.get(0).bytes());
                    }
                }
            });
            assertThat(server.bodyFetches()).extracting(ScriptedImapServer.BodyFetch::uids)
                    .containsExactly(Set.of(10L, 11L, 12L, 13L, 14L), Set.of(10L));
        }
    }

    /** A prefetch of {@code batch}, whose refusals are compared with the batch's other messages. */
    private static BodyPrefetch prefetch(IMAPFolder folder, List<IMAPMessage> batch) throws MessagingException {
        return new BodyPrefetch(folder, batch, ends(folder, batch));
    }

    /** The end checks of a run of {@code batch}. */
    private static ImapBodyEnds ends(IMAPFolder folder, List<IMAPMessage> batch) throws MessagingException {
        List<Long> uids = new ArrayList<>();
        for (IMAPMessage message : batch) {
            uids.add(folder.getUID(message));
        }
        return new ImapBodyEnds(folder, uids);
    }

    /** What reading the second message of the folder through a prefetch threw; null when nothing. */
    private static Throwable failureOfSecond(ScriptedImapServer server) throws Exception {
        Throwable[] thrown = new Throwable[1];
        withFolder(server, (folder, batch) -> thrown[0] = catchThrowable(
                () -> prefetch(folder, batch).open(batch.get(1)).readAllBytes()));
        return thrown[0];
    }

    private static String text(StubMessage message) {
        return new String(message.bytes(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Each message's bytes (as ISO-8859-1 text), or the class of the exception its read threw; through a prefetch
     * or streamed, its end checked either way.
     */
    private static List<Object> readEach(ScriptedImapServer server, boolean prefetch) throws Exception {
        List<Object> read = new ArrayList<>();
        withFolder(server, (folder, batch) -> {
            BodyPrefetch bodies = prefetch(folder, batch);
            ImapBodyEnds ends = ends(folder, batch);
            for (IMAPMessage message : batch) {
                try (InputStream in = prefetch ? bodies.open(message) : ends.checked(message, folder.getUID(message),
                        message.getSizeLong(), RawStreams.open(message), true)) {
                    read.add(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    read.add(e.getClass());
                }
            }
        });
        return read;
    }

    private interface FolderWork {
        void run(IMAPFolder folder, List<IMAPMessage> batch) throws Exception;
    }

    private static void withFolder(ScriptedImapServer server, FolderWork work) throws Exception {
        MailboxConfig config = TestMailboxes.imap(server.port(), "reader", "secret");
        withFolder(config, Session.getInstance(MailSessions.properties(config, MailSessions.READ_TIMEOUT)), work);
    }

    /** Runs {@code work} on the INBOX of {@code config}, read-only, its messages' UIDs and sizes fetched. */
    private static void withFolder(MailboxConfig config, Session session, FolderWork work) throws Exception {
        Store store = session.getStore("imap");
        store.connect(config.host(), config.port(), config.username(), config.password().reveal());
        try {
            IMAPFolder folder = (IMAPFolder) store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            Message[] messages = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            folder.fetch(messages, profile);
            work.run(folder, Arrays.stream(messages).map(IMAPMessage.class::cast).toList());
            folder.close(false);
        } finally {
            store.close();
        }
    }

    /** {@code count} messages from UID {@code firstUid}, the n-th (from 1) of {@code size(n)} bytes. */
    private static List<StubMessage> stubMessages(long firstUid, int count, IntUnaryOperator claimed,
                                                  IntUnaryOperator size) {
        List<StubMessage> messages = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            String head = TestMessages.message(n, "Message " + n);
            StringBuilder text = new StringBuilder(head);
            while (text.length() < size.applyAsInt(n)) {
                text.append("line ").append(n).append(' ').append("y".repeat(60)).append("\r\n");
            }
            byte[] bytes = text.substring(0, size.applyAsInt(n)).getBytes(StandardCharsets.US_ASCII);
            messages.add(new StubMessage(firstUid + n - 1, bytes, claimed.applyAsInt(n)));
        }
        return messages;
    }
}
