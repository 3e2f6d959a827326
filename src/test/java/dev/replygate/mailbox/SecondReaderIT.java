package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.store.Store;
import dev.replygate.testsupport.DovecotServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.replygate.mailbox.TestMessages.message;
import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/** Another client of the same mailbox (a second node, a mail program) moves messages while we read it (Dovecot). */
class SecondReaderIT {

    private static final String REDIRECTED = "replygate/Redirected";
    private static final String IGNORED = "replygate/Ignored";
    private static final Duration WAIT = Duration.ofMinutes(2);

    private DovecotServer dovecot;
    private DovecotMailbox other;
    private Store store;

    @BeforeEach
    void start() throws Exception {
        dovecot = DovecotServer.start();
        other = new DovecotMailbox(dovecot);
        store = TestStores.h2();
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        other.close();
        dovecot.close();
    }

    @ParameterizedTest(name = "MOVE offered: {0}")
    @ValueSource(booleans = {true, false})
    void messagesMovedAwayBetweenFetchAndDispositionAreNoFailure(boolean moveWhenOffered) throws Exception {
        for (int n = 1; n <= 4; n++) {
            other.deliver(message(n, "Re: ticket " + n));
        }
        MailboxConfig config = other.config();
        MessageSink sink = incoming -> {
            if (incoming.uid() == 3) {
                other.moveAway("Elsewhere", List.of(messageId(1), messageId(2)));
            }
            return Disposition.REDIRECTED;
        };
        MailboxPoller poller = new ImapPoller(config, sink, new ImapCursors(store, Clock.systemUTC()),
                new ImapDispositions(config, moveWhenOffered));

        PollReport report = poller.poll();

        assertThat(report.failure()).as(dovecot.log()).isEmpty();
        assertThat(other.messageIds("INBOX")).isEmpty();
        assertThat(other.messageIds("Elsewhere")).containsExactly(messageId(1), messageId(2));
        assertThat(other.messageIds(REDIRECTED)).as("the rest moved, nothing twice")
                .containsExactly(messageId(3), messageId(4));
        assertThat(poller.poll().found()).as("the cursor went past all four").isZero();
    }

    @Test
    void twoPollersOnOneMailboxAndStoreGiveEachMessageOnceAndPutItInExactlyOneFolder() throws Exception {
        int count = 40;
        for (int n = 1; n <= count; n++) {
            other.deliver(message(n, n % 5 == 0 ? "Auto [ignore]" : "Re: ticket " + n));
        }
        List<String> given = Collections.synchronizedList(new ArrayList<>());
        MessageSink sink = incoming -> {
            given.add(incoming.key());
            Thread.sleep(10); // a slow inbound stage, so that the two runs overlap
            return incoming.uid() % 5 == 0 ? Disposition.IGNORED : Disposition.REDIRECTED;
        };
        // the copy fallback: without one reader at a time, both readers copy the same messages
        MailboxConfig config = TestMailboxes.withBatchesPerRun(TestMailboxes.withBatchSize(other.config(), 5), 10);
        List<MailboxPoller> pollers = List.of(leased(config, sink), leased(config, sink));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<PollReport> reports = new ArrayList<>();
        try {
            List<Future<List<PollReport>>> runs = pollers.stream().map(poller -> threads.submit(() -> {
                start.await();
                List<PollReport> own = new ArrayList<>();
                for (int run = 0; run < 3; run++) {
                    own.add(poller.poll());
                }
                return own;
            })).toList();
            start.countDown();
            for (Future<List<PollReport>> run : runs) {
                reports.addAll(run.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(reports).as(dovecot.log()).allSatisfy(report -> assertThat(report.failure()).isEmpty());
        assertThat(given).as("each message given to the inbound stage once").doesNotHaveDuplicates().hasSize(count);
        List<String> all = IntStream.rangeClosed(1, count).mapToObj(TestMessages::messageId).toList();
        assertThat(other.messageIds("INBOX")).isEmpty();
        List<String> disposed = new ArrayList<>(other.messageIds(REDIRECTED));
        disposed.addAll(other.messageIds(IGNORED));
        assertThat(disposed).as("every message in exactly one folder").containsExactlyInAnyOrderElementsOf(all);
    }

    private MailboxPoller leased(MailboxConfig config, MessageSink sink) {
        return new LeasedPoller(new ImapPoller(config, sink, new ImapCursors(store, Clock.systemUTC()),
                new ImapDispositions(config, false)), new MailboxLeases(store, Clock.systemUTC(), Duration.ofMinutes(2)));
    }
}
