package dev.replygate.mailbox;

import dev.replygate.app.Replygate;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.MailboxConfig;
import dev.replygate.inbound.PipelineConfigFile;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POP3 server that reuses UIDLs after deletes (it numbers by position), read in delete mode by replygate's own
 * inbound stage on an H2 file store: a new message listed under the UIDL of one processed before is not taken for it
 * and deleted unread; it stays on the server and the mailbox's status names it, across restarts, while the others
 * are read. The one message a recorded UIDL may rightly be, the recorded one left by a crash before its delete,
 * is still deleted and answered once.
 */
class ReusedUidlIT {

    private static final String SUPPORT = PipelineConfigFile.SUPPORT;

    @TempDir
    Path dir;

    @Test
    void aNewMessageUnderTheUidlOfAProcessedOneStaysOnTheServerUnreadAndNamedAcrossRestarts() throws Exception {
        try (ScriptedPop3Server server = new ScriptedPop3Server(List.of(answerable(1), answerable(2)), Set.of())
                .deleting()) {
            Path config = config(server, 100, 10);
            PollReport before = poll(config);
            assertThat(before.processed()).isEqualTo(2);
            assertThat(server.maildrop()).as("read and deleted").isEmpty();
            // the server gives the new messages 1 and 2 the UIDLs the deleted ones had: uidl-1, uidl-2
            server.deliver(answerable(3));
            server.deliver(answerable(4));
            server.deliver(answerable(5));

            PollReport reused = poll(config);
            PollReport restarted = poll(config);

            assertThat(server.maildrop()).as("messages 3 and 4 are neither lost nor taken for 1 and 2")
                    .containsExactly(answerable(3), answerable(4));
            assertThat(reused.processed()).as("the rest of the mailbox goes on").isEqualTo(1);
            assertThat(reused.failed()).isFalse();
            assertThat(reused.unread()).isEqualTo(2);
            assertThat(reused.failure()).hasValueSatisfying(why -> assertThat(why).contains(
                    "message 1 has the UIDL of a message read before (uidl-1) and other bytes",
                    "message 2 has the UIDL of a message read before (uidl-2) and other bytes"));
            assertThat(restarted.failure()).as("every run, after a restart too").isEqualTo(reused.failure());
            assertThat(restarted.processed()).isZero();
            assertThat(lastError(config)).as("what mailbox list and the status page show")
                    .contains("message 1 has the UIDL of a message read before (uidl-1)");
            assertThat(answeredMessages(config)).as("each answered once, 3 and 4 not at all")
                    .containsExactlyInAnyOrder("new1@customer.test", "new2@customer.test", "new5@customer.test");
        }
    }

    @Test
    void theRecordedMessageLeftOnTheServerByACrashBeforeItsDeleteIsDeletedAndNotAnsweredAgain() throws Exception {
        try (ScriptedPop3Server server = new ScriptedPop3Server(List.of(answerable(1), answerable(2)), Set.of())
                .deleting()) {
            Path config = config(server, 100, 10);
            // message 1 recorded under its UIDL, answer queued, then the process died before QUIT
            try (Replygate replygate = replygate(config)) {
                MailboxConfig mailbox = replygate.config().mailboxes().get(0);
                byte[] raw = answerable(1);
                assertThat(replygate.inboundPipeline(mailbox).accept(new IncomingMessage(mailbox.name(),
                        IncomingMessage.pop3Key("uidl-1"), 0, 0, raw.length, false,
                        () -> new ByteArrayInputStream(raw)))).isEqualTo(Disposition.REDIRECTED);
            }

            PollReport recovered = poll(config);
            PollReport restarted = poll(config);

            assertThat(server.maildrop()).isEmpty();
            assertThat(recovered.failure()).isEmpty();
            assertThat(recovered.processed()).isEqualTo(2);
            assertThat(restarted.found()).isZero();
            assertThat(answeredMessages(config)).containsExactlyInAnyOrder("new1@customer.test", "new2@customer.test");
        }
    }

    @Test
    void aFloodOfReusedUidlsDoesNotStopTheMailbox() throws Exception {
        int flood = 45;
        try (ScriptedPop3Server server = new ScriptedPop3Server(IntStream.rangeClosed(1, flood)
                .mapToObj(ReusedUidlIT::plain).toList(), Set.of()).deleting()) {
            assertThat(poll(config(server, 100, 10)).processed()).isEqualTo(flood);
            assertThat(server.maildrop()).isEmpty();
            IntStream.rangeClosed(101, 100 + flood + 1).forEach(n -> server.deliver(plain(n)));
            // 2 batches of 10 per run: the one new message comes after 45 reused UIDLs
            Path config = config(server, 10, 2);

            PollReport reused = poll(config);
            PollReport again = poll(config);

            assertThat(reused.processed()).as("the message after the flood is read").isEqualTo(1);
            assertThat(reused.mailLeft()).isFalse();
            assertThat(reused.unread()).isEqualTo(flood);
            assertThat(reused.failure()).hasValueSatisfying(why -> assertThat(why)
                    .contains("message 1 has the UIDL of a message read before (uidl-1)", (flood - 5) + " more"));
            assertThat(again.unread()).isEqualTo(flood);
            assertThat(again.processed()).isZero();
            assertThat(server.maildrop()).hasSize(flood).first().isEqualTo(plain(101));
        }
    }

    @Test
    void aMessageNamedUnderAReusedUidlIsNotReadAgainWhileTheServerListsItAtTheSameSize() throws Exception {
        try (ScriptedPop3Server server = new ScriptedPop3Server(List.of(answerable(1), answerable(2)), Set.of())
                .deleting()) {
            Path config = config(server, 100, 10);
            poll(config);
            server.deliver(answerable(3));
            server.deliver(answerable(4));
            server.deliver(answerable(5));
            try (Replygate replygate = replygate(config)) {
                MailboxPoller poller = poller(replygate);
                PollReport named = poller.poll();
                int fetched = server.retrievals();

                PollReport again = poller.poll();
                PollReport third = poller.poll();

                assertThat(server.retrievals()).as("not fetched to be hashed again").isEqualTo(fetched);
                assertThat(again.failure()).as("still named on the status").isEqualTo(named.failure());
                assertThat(third.failure()).isEqualTo(named.failure());
                assertThat(third.unread()).isEqualTo(2);
                assertThat(third.found()).isZero();
                // the server now lists another message, of another size, under uidl-1: read once, found other too
                server.replace(1, answerable(333));

                PollReport replaced = poller.poll();
                PollReport after = poller.poll();

                assertThat(server.retrievals()).isEqualTo(fetched + 1);
                assertThat(replaced.failure()).isEqualTo(named.failure());
                assertThat(after.failure()).isEqualTo(named.failure());
            }
            assertThat(server.maildrop()).containsExactly(answerable(333), answerable(4));
            assertThat(answeredMessages(config))
                    .containsExactlyInAnyOrder("new1@customer.test", "new2@customer.test", "new5@customer.test");
        }
    }

    @Test
    void aFloodOfReusedUidlsIsReadOnceNotEveryRun() throws Exception {
        int flood = 45;
        try (ScriptedPop3Server server = new ScriptedPop3Server(IntStream.rangeClosed(1, flood)
                .mapToObj(ReusedUidlIT::plain).toList(), Set.of()).deleting()) {
            poll(config(server, 100, 10));
            IntStream.rangeClosed(101, 100 + flood + 1).forEach(n -> server.deliver(plain(n)));
            Path config = config(server, 10, 2);
            try (Replygate replygate = replygate(config)) {
                MailboxPoller poller = poller(replygate);
                PollReport reused = poller.poll();
                int fetched = server.retrievals();

                PollReport again = poller.poll();

                assertThat(reused.unread()).isEqualTo(flood);
                assertThat(again.unread()).isEqualTo(flood);
                assertThat(again.failure()).isEqualTo(reused.failure());
                assertThat(server.retrievals()).as("none of the flood fetched again").isEqualTo(fetched);
            }
            assertThat(server.maildrop()).hasSize(flood);
        }
    }

    @Test
    void aMessageQuarantinedUnreadIsProcessedOnceWhenTheServerServesItAfterAll() throws Exception {
        try (ScriptedPop3Server server = new ScriptedPop3Server(List.of(answerable(1), answerable(2)), Set.of(1))
                .deleting()) {
            Path config = config(server, 100, 10, "delete", "max-attempts: 1");
            PollReport refused = poll(config);
            assertThat(refused.quarantined()).as("its body refused while message 2's is served").isEqualTo(1);
            assertThat(server.maildrop()).containsExactly(answerable(1));
            // for a run the server lists it without a UIDL: it drops off the seen list
            server.deliver(answerable(3));
            server.listUidls(Arrays.asList(null, ascii("uidl-x3")));
            assertThat(poll(config).processed()).isEqualTo(1);
            // then it lists it under its UIDL again, and serves it
            server.listUidls(List.of(ascii("uidl-1")));
            server.serveAgain(1);

            PollReport served = poll(config);
            PollReport restarted = poll(config);

            assertThat(served.failure()).as("not taken for another message under its UIDL").isEmpty();
            assertThat(served.redirected()).isEqualTo(1);
            assertThat(server.maildrop()).as("processed, then deleted").isEmpty();
            assertThat(restarted.found()).isZero();
            // a new message the server lists under uidl-1 again is not taken for it, nor answered
            server.listUidls(List.of(ascii("uidl-1")));
            server.deliver(answerable(4));
            assertThat(poll(config).unread()).isEqualTo(1);
            assertThat(server.maildrop()).containsExactly(answerable(4));
            assertThat(answeredMessages(config)).as("each answered once")
                    .containsExactlyInAnyOrder("new1@customer.test", "new2@customer.test", "new3@customer.test");
        }
    }

    @Test
    void keepModeDoesNotFetchTheMessagesItKeptAgain() throws Exception {
        try (ScriptedPop3Server server = new ScriptedPop3Server(List.of(answerable(1), answerable(2)), Set.of())) {
            Path config = config(server, 100, 10, "keep");
            PollReport first = poll(config);
            int fetched = server.retrievals();

            PollReport next = poll(config);

            assertThat(first.processed()).isEqualTo(2);
            assertThat(fetched).isEqualTo(2);
            assertThat(next.found()).isZero();
            assertThat(server.retrievals()).as("a kept message's UIDL is on the seen list: not fetched to be checked")
                    .isEqualTo(fetched);
        }
    }

    private PollReport poll(Path config) throws Exception {
        try (Replygate replygate = replygate(config)) {
            return poller(replygate).poll();
        }
    }

    /** The mailbox's poller, which keeps the mailbox's state in the store: one per process. */
    private static MailboxPoller poller(Replygate replygate) {
        MailboxConfig mailbox = replygate.config().mailboxes().get(0);
        MailboxStates states = new MailboxStates(replygate.store(), Clock.systemUTC(), "node-a");
        return new ObservedPoller(MailboxPoller.create(mailbox, replygate.inboundPipeline(mailbox),
                replygate.store(), Clock.systemUTC()), List.of(states::record));
    }

    private String lastError(Path config) throws Exception {
        try (Replygate replygate = replygate(config)) {
            return new MailboxStates(replygate.store(), Clock.systemUTC(), "node-a").all().get(0).lastError()
                    .orElse("");
        }
    }

    /** The recipients of the queued answers, one per answer. */
    private List<String> answeredMessages(Path config) throws Exception {
        try (Replygate replygate = replygate(config)) {
            return replygate.outbox().list(1000).stream().filter(item -> item.kind() == OutboxKind.ANSWER)
                    .map(OutboxItem::recipient).toList();
        }
    }

    private static Replygate replygate(Path config) throws Exception {
        return new Replygate(ConfigLoader.load(config).config(), Clock.systemUTC());
    }

    /** New mail whose sender our receiving server authenticated: answered. */
    private static byte[] answerable(int n) {
        return ("""
                Authentication-Results: mx.hosting.test; spf=pass smtp.mailfrom=new%1$d@customer.test; dmarc=pass header.from=customer.test
                Return-Path: <new%1$d@customer.test>
                From: <new%1$d@customer.test>
                To: %2$s
                Subject: Please look at my server %1$d
                Message-ID: <new-%1$d@customer.test>
                Content-Type: text/plain

                It is down.
                """.formatted(n, SUPPORT)).replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Mail from a sender nobody authenticated: recorded, not answered. */
    private static byte[] plain(int n) {
        return TestMessages.message(n, "Hello " + n).getBytes(StandardCharsets.US_ASCII);
    }

    private Path config(ScriptedPop3Server server, int batchSize, int batchesPerRun) throws Exception {
        return config(server, batchSize, batchesPerRun, "delete");
    }

    private Path config(ScriptedPop3Server server, int batchSize, int batchesPerRun, String mode) throws Exception {
        return config(server, batchSize, batchesPerRun, mode, "");
    }

    private Path config(ScriptedPop3Server server, int batchSize, int batchesPerRun, String mode, String inbound)
            throws Exception {
        return PipelineConfigFile.write(dir, "trusted-authserv-ids: [mx.hosting.test]\n" + inbound, """
                protocol: pop3
                port: %d
                batch-size: %d
                batches-per-run: %d
                disposition: {mode: %s}""".formatted(server.port(), batchSize, batchesPerRun, mode));
    }
}
