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
            MailboxConfig mailbox = replygate.config().mailboxes().get(0);
            MailboxStates states = new MailboxStates(replygate.store(), Clock.systemUTC(), "node-a");
            return new ObservedPoller(MailboxPoller.create(mailbox, replygate.inboundPipeline(mailbox),
                    replygate.store(), Clock.systemUTC()), List.of(states::record)).poll();
        }
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

    /** Mail from a sender nobody authenticated: recorded, not answered. */
    private static byte[] plain(int n) {
        return TestMessages.message(n, "Hello " + n).getBytes(StandardCharsets.US_ASCII);
    }

    private Path config(ScriptedPop3Server server, int batchSize, int batchesPerRun) throws Exception {
        return config(server, batchSize, batchesPerRun, "delete");
    }

    private Path config(ScriptedPop3Server server, int batchSize, int batchesPerRun, String mode) throws Exception {
        return PipelineConfigFile.write(dir, "trusted-authserv-ids: [mx.hosting.test]", """
                protocol: pop3
                port: %d
                batch-size: %d
                batches-per-run: %d
                disposition: {mode: %s}""".formatted(server.port(), batchSize, batchesPerRun, mode));
    }
}
