package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.ScriptedImapServer.StubMessage;
import dev.replygate.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.replygate.mailbox.TestMessages.messageId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run lists the messages above its cursor by UID SEARCH (a scripted server, read in shadow mode): an answer that is
 * not a list of UIDs fails the run, naming what came, and nothing is read; a message the listing left out but the
 * batch's FETCH shows is read all the same, never passed over by the cursor.
 */
class UidSearchIT {

    private final List<StubMessage> messages = new ArrayList<>();
    private Store store;
    private RecordingSink sink;

    @BeforeEach
    void start() {
        for (int n = 1; n <= 3; n++) {
            byte[] bytes = TestMessages.message(n, "Hello " + n).getBytes(StandardCharsets.US_ASCII);
            messages.add(new StubMessage(n, bytes, bytes.length));
        }
        store = TestStores.h2();
        sink = new RecordingSink();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @ParameterizedTest(name = "* SEARCH {0}")
    @CsvSource(delimiter = '|', value = {
        "1 2 x        | x",
        "1 4294967296 | 4294967296",
        "0 1 2        | 0",
        "1 -2         | -2",
        "1 02         | 02",
        "(ALL) 1      | (ALL)",
    })
    void anAnswerThatIsNotAListOfUidsFailsTheRunNamingItAndNothingIsRead(String answer, String named) throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of());
             MailboxPoller poller = poller(server)) {
            server.answerSearchWith(answer);

            PollReport failed = poller.poll();

            assertThat(failed.failure()).hasValueSatisfying(failure -> assertThat(failure)
                    .contains("the server answered UID SEARCH with '" + named + "', which is not a UID"));
            assertThat(sink.given()).isEmpty();

            server.answerSearchWith(null);
            PollReport next = poller.poll();

            assertThat(next.failure()).isEmpty();
            assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
        }
    }

    @Test
    void aMessageTheListingLeftOutIsReadAllTheSame() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(messages, Set.of(), Set.of());
             MailboxPoller poller = poller(server)) {
            server.searchLeavesOut(2);

            PollReport first = poller.poll();
            PollReport second = poller.poll();

            assertThat(first.failure()).isEmpty();
            assertThat(first).extracting(PollReport::found, PollReport::processed).containsExactly(3, 3);
            assertThat(sink.given()).containsExactly(messageId(1), messageId(2), messageId(3));
            assertThat(second.found()).isZero();
        }
    }

    private MailboxPoller poller(ScriptedImapServer server) {
        MailboxConfig mailbox = TestMailboxes.withShadow(TestMailboxes.imap(server.port(), "support", "secret"), true);
        return MailboxPoller.create(mailbox, sink, store, Clock.systemUTC());
    }
}
