package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.store.Store;
import dev.replygate.testsupport.CuttingProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static dev.replygate.mailbox.TestMessages.message;
import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12.4: the IMAP poll keeps its connections between runs (no connect and LOGIN for a run woken by
 * IDLE), and a kept connection the network or the server cut is replaced without failing the mailbox.
 */
class KeptConnectionIT {

    private TestMailServer server;
    private CuttingProxy proxy;
    private Store store;
    private RecordingSink sink;
    private MailboxPoller poller;

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        proxy = new CuttingProxy(server.imapPort());
        store = TestStores.h2();
        sink = new RecordingSink();
        MailboxConfig config = TestMailboxes.imap(proxy.port(), TestMailServer.ADDRESS, TestMailServer.PASSWORD);
        poller = MailboxPoller.create(config, sink, store, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        poller.close();
        proxy.close();
        store.close();
        server.close();
    }

    @Test
    void laterRunsReuseTheConnectionsOfTheFirst() {
        server.deliver(message(1, "Re: ticket 1"));
        assertThat(poller.poll().failure()).isEmpty();
        int afterFirstRun = proxy.connections();

        for (int n = 2; n <= 4; n++) {
            server.deliver(message(n, "Re: ticket " + n));
            PollReport report = poller.poll();
            assertThat(report.failure()).isEmpty();
            assertThat(report.processed()).isEqualTo(1);
        }

        assertThat(afterFirstRun).as("the folder's connection and the store's").isBetween(1, 2);
        assertThat(proxy.connections()).as("three more runs, no new connection").isEqualTo(afterFirstRun);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3), messageId(4));
    }

    @Test
    void aKeptConnectionThatWasCutIsReplacedAndTheRunSucceeds() throws Exception {
        assertTheNextRunConnectsAgainAfter(proxy::cutAll);
        assertThat(server.messageIds("INBOX")).isEmpty();
    }

    @Test
    void closingThePollerClosesItsConnectionAndTheNextRunConnectsAgain() {
        assertTheNextRunConnectsAgainAfter(poller::close);
    }

    /** A run, then {@code between}, then a run that must succeed on a new connection, the mailbox never failed. */
    private void assertTheNextRunConnectsAgainAfter(Runnable between) {
        server.deliver(message(1, "Re: ticket 1"));
        assertThat(poller.poll().failure()).isEmpty();
        int before = proxy.connections();

        between.run();
        server.deliver(message(2, "Re: ticket 2"));
        PollReport next = poller.poll();

        assertThat(next.failure()).as("the mailbox does not fail for a kept connection gone").isEmpty();
        assertThat(next.processed()).isEqualTo(1);
        assertThat(proxy.connections()).as("connected again").isGreaterThan(before);
        assertThat(sink.given()).containsExactly(messageId(1), messageId(2));
    }
}
