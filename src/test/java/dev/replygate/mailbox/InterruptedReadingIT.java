package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading thread interrupted while the inbound stage waits (for an examination on a worker): the run stops
 * there as at an outage, and the thread does its last store writes (the progress of what came before, the mailbox's
 * state) without the interrupt flag: an H2 file written by an interrupted thread closes its channel for every stage
 * of the process.
 */
class InterruptedReadingIT {

    @TempDir
    Path dir;

    @Test
    void anInterruptedBatchStopsTheRunAndLeavesTheStoresFileOpen() throws Exception {
        Store store = Store.open(new StoreConfig("jdbc:h2:file:" + dir.resolve("store"), "sa", Secret.empty(), 2));
        List<byte[]> maildrop = List.of(1, 2, 3).stream()
                .map(n -> TestMessages.message(n, "Hello " + n).getBytes(StandardCharsets.US_ASCII)).toList();
        try (ScriptedPop3Server server = new ScriptedPop3Server(maildrop, Set.of())) {
            MailboxConfig mailbox = TestMailboxes.pop3(server.port(), "support", "secret");
            // the first message recorded, the batch stopped at the second by an interrupt
            MessageSink interrupted = new MessageSink() {
                @Override
                public Disposition accept(IncomingMessage message) {
                    throw new UnsupportedOperationException("batches only");
                }

                @Override
                public BatchOutcome acceptAll(List<IncomingMessage> batch) {
                    return new BatchOutcome(List.of(MessageOutcome.recorded(Disposition.IGNORED)),
                            new InterruptedException("the stage is stopping"));
                }
            };
            PollReport report = MailboxPoller.create(mailbox, interrupted, store, Clock.systemUTC()).poll();
            boolean flagLeft = Thread.interrupted(); // cleared, so the test's own writes below can tell

            assertThat(report.failure()).as("the run stops there").hasValueSatisfying(failure -> assertThat(failure)
                    .contains("the inbound stage failed on pop3:uidl-2", "InterruptedException"));
            assertThat(report.processed()).isEqualTo(1);
            assertThat(flagLeft).as("the reading thread's interrupt flag after its store writes").isFalse();
            assertThat(new Pop3SeenList(store, Clock.systemUTC()).load(mailbox.name(), ReadMode.of(mailbox)))
                    .as("what came before is done").containsExactly("uidl-1");
            store.inTransaction(connection -> {
                try (Statement write = connection.createStatement()) {
                    write.execute("CREATE TABLE still_writable (n INT)");
                    write.execute("INSERT INTO still_writable VALUES (1)");
                }
                return null;
            });
        } finally {
            store.close();
        }
    }
}
