package dev.replygate.inbound;

import dev.replygate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 3: a flood from many authenticated senders got an answer each. Answers per
 * recipient domain and per mailbox are capped per hour; the rest are recorded, moved and held back.
 */
class GlobalAnswerCapIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String OURS = "mx.hosting.test";

    @TempDir
    Path dir;

    @Test
    void answersBeyondTheDomainAndMailboxCapsAreHeldBackWithAReason() throws Exception {
        try (MailWorld mail = new MailWorld().addMailbox(SUPPORT)) {
            for (String sender : new String[] {"a@flood.test", "b@flood.test", "c@flood.test", "x@other.test",
                    "y@third.test"}) {
                mail.send(MailProgram.authenticatedRequest(sender, SUPPORT, "Help", OURS, null), sender, SUPPORT);
            }
            InstanceConfig instance = new InstanceConfig(dir, mail).trustDeliveredOverSmtp(OURS)
                    .inbound("max-answers-per-domain-per-hour: 2")
                    .inbound("max-answers-per-mailbox-per-hour: 3")
                    .imapMailbox("support", SUPPORT, "");

            assertThat(Main.execute("run", "--once", "--config", instance.write().toString())).isZero();

            try (StoreView store = new StoreView(instance.jdbcUrl())) {
                assertThat(store.answers()).extracting(StoreView.Outgoing::recipient)
                        .containsExactly("a@flood.test", "b@flood.test", "x@other.test");
                assertThat(store.inbound()).hasSize(5).filteredOn(r -> r.answerTo() == null)
                        .extracting(StoreView.Inbound::reasons)
                        .satisfiesExactly(
                                c -> assertThat(c).contains("rate-limit:domain-hourly-cap: flood.test got 2 answers"),
                                y -> assertThat(y).contains("rate-limit:mailbox-hourly-cap: mailbox support sent 3"));
            }
            assertThat(mail.messageIds(SUPPORT, "INBOX")).as("every message recorded and moved").isEmpty();
            assertThat(mail.messageIds(SUPPORT, MailWorld.IGNORED)).hasSize(2);
        }
    }
}
