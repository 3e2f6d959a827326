package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.store.Store;
import dev.replygate.testsupport.DovecotServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.util.List;

import static dev.replygate.mailbox.TestMessages.message;
import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/** Another client of the same mailbox (a second node, a mail program) moves messages while we read it (Dovecot). */
class SecondReaderIT {

    private static final String REDIRECTED = "replygate/Redirected";

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
}
