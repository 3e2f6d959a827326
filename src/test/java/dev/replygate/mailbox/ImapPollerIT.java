package dev.replygate.mailbox;

import dev.replygate.config.DispositionConfig.Mode;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.Security;
import dev.replygate.store.Store;
import jakarta.mail.Flags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.replygate.mailbox.TestMessages.message;
import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading an IMAP folder on a real server (GreenMail): what is given to the sink, and what changes on the server. */
class ImapPollerIT {

    private static final String REDIRECTED = "replygate.Redirected";
    private static final String IGNORED = "replygate.Ignored";
    private static final String QUARANTINE = "replygate.Quarantine";

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

    private void deliver(int from, int to, String subject) {
        for (int n = from; n <= to; n++) {
            server.deliver(message(n, subject + " " + n));
        }
    }

    @Test
    void givesEachNewMessageOnceAndMovesItToTheFolderOfItsOutcome() throws Exception {
        deliver(1, 2, "Re: my ticket");
        deliver(3, 3, "Out of office [ignore]");
        deliver(4, 4, "Broken [quarantine]");
        MailboxPoller poller = poller(TestMailboxes.imap(server));

        PollReport first = poller.poll();
        PollReport second = poller.poll();

        assertThat(first.failure()).isEmpty();
        assertThat(first).extracting(PollReport::found, PollReport::processed, PollReport::redirected,
                PollReport::ignored, PollReport::quarantined).containsExactly(4, 4, 2, 1, 1);
        assertThat(second.found()).isZero();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4));
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2));
        assertThat(server.messageIds(IGNORED)).containsExactly(messageId(3));
        assertThat(server.messageIds(QUARANTINE)).containsExactly(messageId(4));
        assertThat(server.flags(REDIRECTED, messageId(1))).as("never marked read").doesNotContain("\\Seen");
    }

    @Test
    void readsOnlyWhatArrivedSinceTheLastRun() throws Exception {
        MailboxPoller poller = poller(TestMailboxes.imap(server));
        deliver(1, 2, "first");
        poller.poll();
        deliver(3, 4, "second");

        PollReport report = poller.poll();

        assertThat(report.found()).isEqualTo(2);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4));
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2), messageId(3),
                messageId(4));
    }

    @Test
    void fetchesAndMovesInBatches() throws Exception {
        deliver(1, 7, "batch");
        deliver(8, 8, "batch [ignore]");

        PollReport report = poller(TestMailboxes.withBatchesPerRun(
                TestMailboxes.withBatchSize(TestMailboxes.imap(server), 3), 3)).poll();

        assertThat(report).extracting(PollReport::found, PollReport::redirected, PollReport::ignored)
                .containsExactly(8, 7, 1);
        assertThat(sink.given()).hasSize(8).doesNotHaveDuplicates();
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(server.messageIds(REDIRECTED)).hasSize(7);
    }

    @Test
    void aMessageExpungedByAnotherClientAfterTheRunListedItIsPassedOver() throws Exception {
        deliver(1, 5, "Re: ticket");
        MailboxConfig config = TestMailboxes.withBatchesPerRun(
                TestMailboxes.withBatchSize(TestMailboxes.imap(server), 2), 3);
        MessageSink expungingFourth = message -> {
            Disposition disposition = sink.accept(message);
            if (sink.given().size() == 1) {
                deleteFlag("INBOX", messageId(4));
                server.expunge("INBOX");
            }
            return disposition;
        };
        MailboxPoller poller = MailboxPoller.create(config, expungingFourth, store, Clock.systemUTC());

        PollReport first = poller.poll();
        PollReport second = poller.poll();

        assertThat(first.failure()).isEmpty();
        assertThat(first).as("the message gone is not counted as found").extracting(PollReport::found,
                PollReport::processed, PollReport::mailLeft).containsExactly(4, 4, false);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(5));
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2), messageId(3),
                messageId(5));
        assertThat(second.found()).isZero();
    }

    @Test
    void aRunStopsAfterItsBatchesWithMailLeftAndTheNextGoesOnWhereItStopped() throws Exception {
        deliver(1, 8, "Re: ticket");
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(
                TestMailboxes.withBatchSize(TestMailboxes.imap(server), 2), 3));

        PollReport first = poller.poll();

        assertThat(first.failure()).isEmpty();
        assertThat(first).extracting(PollReport::found, PollReport::processed, PollReport::left,
                PollReport::mailLeft).containsExactly(8, 6, 2, true);
        assertThat(first.summary()).contains("stopped with 2 left for the next run");
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(7), messageId(8));

        PollReport second = poller.poll();
        PollReport third = poller.poll();

        assertThat(second).extracting(PollReport::found, PollReport::processed, PollReport::mailLeft)
                .containsExactly(2, 2, false);
        assertThat(second.summary()).doesNotContain("left for the next run");
        assertThat(third.found()).isZero();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4), messageId(5),
                messageId(6), messageId(7), messageId(8));
        assertThat(server.messageIds(REDIRECTED)).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void aRunToldToGiveWayEndsBetweenTwoBatchesAndTheNextGoesOnWhereItStopped() throws Exception {
        deliver(1, 8, "Re: ticket");
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(
                TestMailboxes.withBatchSize(TestMailboxes.imap(server), 2), 10));
        List<Integer> askedAfter = new ArrayList<>();

        // asked before the second batch (no) and the third (yes): never before the first
        PollReport first = poller.poll(() -> {
            askedAfter.add(sink.given().size());
            return askedAfter.size() == 2;
        });

        assertThat(askedAfter).containsExactly(2, 4);
        assertThat(first.failure()).isEmpty();
        assertThat(first).extracting(PollReport::found, PollReport::processed, PollReport::left,
                PollReport::mailLeft).containsExactly(8, 4, 4, true);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(5), messageId(6), messageId(7),
                messageId(8));

        PollReport second = poller.poll();

        assertThat(second).extracting(PollReport::found, PollReport::processed, PollReport::mailLeft)
                .containsExactly(4, 4, false);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4), messageId(5),
                messageId(6), messageId(7), messageId(8));
        assertThat(server.messageIds(REDIRECTED)).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void aRunThatDeferredAMessageIsNotAskedToGiveWayAndReadsToTheEnd() throws Exception {
        deliver(1, 6, "Re: ticket");
        sink.deferring(messageId(1)::equals);
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(TestMailboxes.withBatchSize(
                TestMailboxes.withShadow(TestMailboxes.imap(server), true), 2), 10));
        List<Integer> asked = new ArrayList<>();

        PollReport report = poller.poll(() -> asked.add(1));

        assertThat(asked).as("a run whose progress stays before a deferred message never stops early").isEmpty();
        assertThat(report).extracting(PollReport::processed, PollReport::deferred, PollReport::mailLeft)
                .containsExactly(5, 1, false);
    }

    @Test
    void aBoundedRunInKeywordModeGoesOnFromItsCursorNotFromTheStart() throws Exception {
        deliver(1, 5, "Re: ticket");
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(TestMailboxes.withBatchSize(
                TestMailboxes.withMode(TestMailboxes.imap(server), Mode.KEYWORD), 2), 1));

        List<PollReport> reports = List.of(poller.poll(), poller.poll(), poller.poll(), poller.poll());

        assertThat(reports).extracting(PollReport::processed).containsExactly(2, 2, 1, 0);
        assertThat(reports).extracting(PollReport::mailLeft).containsExactly(true, true, false, false);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4),
                messageId(5));
    }

    @Test
    void aRunThatDeferredAMessageReadsOnPastItsBoundSoThatTheNextRunHasSomethingNewToReadToo() throws Exception {
        deliver(1, 6, "Re: ticket");
        sink.deferring(messageId(1)::equals);
        MailboxPoller poller = poller(TestMailboxes.withBatchesPerRun(TestMailboxes.withBatchSize(
                TestMailboxes.withShadow(TestMailboxes.imap(server), true), 2), 1));

        PollReport report = poller.poll();

        assertThat(report).extracting(PollReport::processed, PollReport::deferred, PollReport::mailLeft)
                .containsExactly(5, 1, false);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4),
                messageId(5), messageId(6));
    }

    @Test
    void keywordModeLeavesMessagesInPlaceWithTheKeywordOfTheirOutcome() throws Exception {
        deliver(1, 1, "Re: ticket");
        deliver(2, 2, "Auto-reply [ignore]");
        MailboxPoller poller = poller(TestMailboxes.withMode(TestMailboxes.imap(server), Mode.KEYWORD));

        PollReport first = poller.poll();
        PollReport second = poller.poll();

        assertThat(first.processed()).isEqualTo(2);
        assertThat(second.found()).isZero();
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2));
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(1), messageId(2));
        assertThat(server.flags("INBOX", messageId(1))).contains("replygate-redirected").doesNotContain("\\Seen");
        assertThat(server.flags("INBOX", messageId(2))).contains("replygate-ignored").doesNotContain("\\Seen");
        assertThat(server.snapshot().keySet()).noneMatch(folder -> folder.contains("replygate."));
    }

    @Test
    void keywordModeSkipsMessagesThatCarryOurKeywordWhateverTheCursorSays() throws Exception {
        deliver(1, 2, "Re: ticket");
        MailboxConfig config = TestMailboxes.withMode(TestMailboxes.imap(server), Mode.KEYWORD);
        poller(config).poll();
        forgetCursors();
        deliver(3, 3, "Re: ticket");

        PollReport report = poller(config).poll();

        assertThat(report.found()).isEqualTo(1);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    @Test
    void shadowModeChangesNothingOnTheServerAndStillGivesEveryMessage() throws Exception {
        deliver(1, 2, "Re: ticket");
        deliver(3, 3, "Out of office [ignore]");
        deliver(4, 4, "Broken [quarantine]");
        Map<String, List<String>> before = server.snapshot();
        MailboxPoller poller = poller(TestMailboxes.withShadow(TestMailboxes.imap(server), true));

        PollReport first = poller.poll();
        PollReport second = poller.poll();

        assertThat(server.snapshot()).isEqualTo(before);
        assertThat(first).extracting(PollReport::found, PollReport::redirected, PollReport::ignored,
                PollReport::quarantined).containsExactly(4, 2, 1, 1);
        assertThat(second.found()).as("the shadow cursor remembers").isZero();
        assertThat(sink.calls()).hasSize(4).allSatisfy(call -> assertThat(call.shadow()).isTrue());
    }

    @Test
    void shadowModeInKeywordModeChangesNothingEither() throws Exception {
        deliver(1, 2, "Re: ticket");
        Map<String, List<String>> before = server.snapshot();

        poller(TestMailboxes.withShadow(TestMailboxes.withMode(TestMailboxes.imap(server), Mode.KEYWORD), true)).poll();

        assertThat(server.snapshot()).isEqualTo(before);
        assertThat(sink.given()).hasSize(2);
    }

    @Test
    void afterShadowModeTheRecordedOutcomesAreAppliedWithoutNewEffects() throws Exception {
        deliver(1, 1, "Re: ticket");
        deliver(2, 2, "Out of office [ignore]");
        MailboxConfig live = TestMailboxes.imap(server);
        poller(TestMailboxes.withShadow(live, true)).poll();

        PollReport report = poller(live).poll();

        assertThat(report.processed()).isEqualTo(2);
        assertThat(sink.effects()).containsExactly(messageId(1), messageId(2));
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1));
        assertThat(server.messageIds(IGNORED)).containsExactly(messageId(2));
    }

    @Test
    void aSinkFailureLeavesThatMessageAndTheRestInPlaceForTheNextRun() throws Exception {
        deliver(1, 5, "Re: ticket");
        sink.failingOn(messageId(3)::equals);
        MailboxPoller poller = poller(TestMailboxes.withBatchSize(TestMailboxes.imap(server), 2));

        PollReport failed = poller.poll();

        assertThat(failed.failure()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("the inbound stage failed on imap:").contains(messageId(3)).contains("the store is down"));
        assertThat(failed).extracting(PollReport::found, PollReport::processed).containsExactly(5, 2);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(3), messageId(4), messageId(5));
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2));

        sink.healed();
        PollReport next = poller.poll();

        assertThat(next.failure()).isEmpty();
        assertThat(next.processed()).isEqualTo(3);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(3), messageId(4),
                messageId(5));
        assertThat(server.messageIds("INBOX")).isEmpty();
    }

    @Test
    void aDeferredMessageDoesNotStopTheRunAndIsGivenAgainNextRun() throws Exception {
        deliver(1, 5, "Re: ticket");
        sink.deferring(messageId(2)::equals);
        MailboxPoller poller = poller(TestMailboxes.withBatchSize(TestMailboxes.imap(server), 2));

        PollReport first = poller.poll();

        assertThat(first.failure()).isEmpty();
        assertThat(first).extracting(PollReport::processed, PollReport::deferred).containsExactly(4, 1);
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(2));
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(3), messageId(4),
                messageId(5));

        sink.healed();
        PollReport next = poller.poll();

        assertThat(next).extracting(PollReport::found, PollReport::processed, PollReport::deferred)
                .containsExactly(1, 1, 0);
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(sink.effects()).containsExactlyInAnyOrder(messageId(1), messageId(2), messageId(3), messageId(4),
                messageId(5));
    }

    @Test
    void aFailureInTheMiddleOfABatchStillMovesTheMessagesBeforeIt() throws Exception {
        deliver(1, 3, "Re: ticket");
        sink.failingOn(messageId(2)::equals);

        poller(TestMailboxes.imap(server)).poll();

        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1));
        assertThat(server.messageIds("INBOX")).containsExactly(messageId(2), messageId(3));
    }

    @Test
    void aCrashAfterTheSinksCommitIsRepairedByTheNextRunWithoutASecondEffect() throws Exception {
        deliver(1, 2, "Re: ticket");
        sink.crashingAfterRecording(messageId(1)::equals);
        MailboxPoller poller = poller(TestMailboxes.imap(server));

        PollReport crashed = poller.poll();
        sink.healed();
        PollReport repaired = poller.poll();

        assertThat(crashed.processed()).isZero();
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2));
        assertThat(repaired.processed()).isEqualTo(2);
        assertThat(sink.effects()).containsExactly(messageId(1), messageId(2));
    }

    @Test
    void aCursorOfAnotherUidValidityIsNotTrusted() throws Exception {
        MailboxPoller poller = poller(TestMailboxes.imap(server));
        deliver(1, 1, "Re: ticket");
        poller.poll();
        deliver(2, 3, "Re: ticket");
        saveCursor("move", server.uidValidity("INBOX") + 1, 1_000_000);

        PollReport report = poller.poll();

        assertThat(report.found()).isEqualTo(2);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2), messageId(3));
    }

    @Test
    void aFolderRecreatedWithANewUidValidityIsReadFromItsStartAndLosesNothing() throws Exception {
        server.append("Support", message(1, "Re: ticket"));
        server.append("Support", message(2, "Re: ticket"));
        MailboxConfig config = TestMailboxes.withMode(TestMailboxes.withFolder(TestMailboxes.imap(server), "Support"),
                Mode.KEYWORD);
        poller(config).poll();
        long oldValidity = server.uidValidity("Support");
        server.recreateFolder("Support");
        server.append("Support", message(3, "Re: ticket"));
        server.append("Support", message(1, "Re: ticket"));

        PollReport report = poller(config).poll();

        assertThat(server.uidValidity("Support")).isNotEqualTo(oldValidity);
        assertThat(report.found()).isEqualTo(2);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(1));
        assertThat(sink.effects()).as("the same content is recognised").containsExactly(messageId(1), messageId(2),
                messageId(3));
        assertThat(server.flags("Support", messageId(3))).contains("replygate-redirected");
    }

    @Test
    void withoutMoveItCopiesFlagsDeletedAndExpungesOnlyThoseMessages() throws Exception {
        deliver(1, 2, "Re: ticket");
        deliver(3, 3, "Auto [ignore]");
        MailboxConfig config = TestMailboxes.imap(server);
        MailboxPoller poller = new ImapPoller(config, sink, new ImapCursors(store, Clock.systemUTC()),
                new ImapDispositions(config, false));

        PollReport report = poller.poll();

        assertThat(report.processed()).isEqualTo(3);
        assertThat(server.messageIds("INBOX")).isEmpty();
        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1), messageId(2));
        assertThat(server.messageIds(IGNORED)).containsExactly(messageId(3));
        assertThat(server.flags(REDIRECTED, messageId(1))).doesNotContain("\\Deleted", "\\Seen");
    }

    @Test
    void theCopyFallbackExpungesOnlyTheMessagesItCopied() throws Exception {
        deliver(1, 2, "Re: ticket");
        deleteFlag("INBOX", messageId(2));
        sink.failingOn(messageId(2)::equals);
        MailboxConfig config = TestMailboxes.imap(server);

        new ImapPoller(config, sink, new ImapCursors(store, Clock.systemUTC()), new ImapDispositions(config, false))
                .poll();

        assertThat(server.messageIds(REDIRECTED)).containsExactly(messageId(1));
        assertThat(server.messageIds("INBOX")).as("flagged \\Deleted by someone else, and still there")
                .containsExactly(messageId(2));
    }

    @Test
    void aServerWithoutStartTlsIsRefusedWhenStartTlsIsConfigured() {
        deliver(1, 1, "Re: ticket");
        MailboxConfig config = TestMailboxes.withServer(TestMailboxes.imap(server), server.imapPort(),
                Security.STARTTLS);

        PollReport report = poller(config).poll();

        assertThat(report.failure()).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase("STARTTLS"));
        assertThat(sink.given()).isEmpty();
    }

    @Test
    void aPlainServerIsRefusedWhenTlsIsConfigured() {
        deliver(1, 1, "Re: ticket");

        PollReport report = poller(TestMailboxes.withServer(TestMailboxes.imap(server), server.imapPort(),
                Security.TLS)).poll();

        assertThat(report.failed()).isTrue();
        assertThat(sink.given()).isEmpty();
    }

    @Test
    void anUnreachableServerIsAFailedRunNotAnException() throws Exception {
        MailboxConfig config = TestMailboxes.imap(server);
        server.stop();

        PollReport report = poller(config).poll();

        assertThat(report.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("127.0.0.1"));
        assertThat(report.found()).isZero();
    }

    @Test
    void aMissingFolderIsAFailedRun() {
        PollReport report = poller(TestMailboxes.withFolder(TestMailboxes.imap(server), "Nowhere")).poll();

        assertThat(report.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("Nowhere"));
    }

    @Test
    void theSinkSeesKeySizeAndStreamOfEachMessage() {
        deliver(1, 1, "Re: ticket");

        poller(TestMailboxes.imap(server)).poll();

        assertThat(sink.calls()).singleElement().satisfies(call -> {
            assertThat(call.key()).matches("imap:" + server.uidValidity("INBOX") + ":\\d+");
            assertThat(call.size()).isEqualTo(call.bytesRead()).isPositive();
            assertThat(call.shadow()).isFalse();
        });
    }

    private void forgetCursors() {
        store.inTransaction(connection -> connection.createStatement().executeUpdate("DELETE FROM mailbox_cursor"));
    }

    private void saveCursor(String readMode, long uidValidity, long lastUid) {
        new ImapCursors(store, Clock.systemUTC()).save("support", readMode, new ImapCursors.Cursor(uidValidity, lastUid));
    }

    private void deleteFlag(String folder, String messageId) throws Exception {
        for (var message : server.folderMessages(folder)) {
            if (messageId.equals(message.getMimeMessage().getMessageID())) {
                message.setFlag(Flags.Flag.DELETED, true);
            }
        }
    }
}
