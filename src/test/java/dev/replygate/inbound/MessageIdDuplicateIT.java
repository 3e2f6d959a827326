package dev.replygate.inbound;

import dev.replygate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 3: only the raw bytes' SHA-256 found a message seen before, so a copy with other
 * bytes (resent, or sent to a second mailbox) was answered again once the reply window had passed.
 * A message whose Message-ID was answered in any mailbox is not answered again.
 */
class MessageIdDuplicateIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String BILLING = "billing@hosting.test";
    private static final String SENDER = "sara@customer.test";
    private static final String OURS = "mx.hosting.test";
    private static final String MESSAGE_ID = "<one-request-1@customer.test>";

    @TempDir
    Path dir;

    @Test
    void aCopyWithTheSameMessageIdIsNotAnsweredAgainInAnyMailbox() throws Exception {
        try (MailWorld mail = new MailWorld().addMailbox(SUPPORT).addMailbox(BILLING)) {
            InstanceConfig instance = new InstanceConfig(dir, mail).trustDeliveredOverSmtp(OURS).inbound("reply-window: 1s")
                    .imapMailbox("support", SUPPORT, "").imapMailbox("billing", BILLING, "");
            Path config = instance.write();
            mail.send(MailProgram.authenticatedRequest(SENDER, SUPPORT, "Help", OURS, MESSAGE_ID), SENDER, SUPPORT);
            assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();

            Thread.sleep(1_500); // past the reply window, which alone would allow another answer
            mail.send(MailProgram.authenticatedRequest(SENDER, BILLING, "Help", OURS, MESSAGE_ID), SENDER, BILLING);
            mail.send(MailProgram.authenticatedRequest(SENDER, SUPPORT, "Help (resent)", OURS, MESSAGE_ID), SENDER,
                    SUPPORT);
            assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();

            try (StoreView store = new StoreView(instance.jdbcUrl())) {
                assertThat(store.answers()).hasSize(1);
                assertThat(store.inbound()).hasSize(3).filteredOn(r -> r.answerTo() == null).hasSize(2)
                        .allSatisfy(r -> assertThat(r.reasons()).contains("no-answer:duplicate: " + MESSAGE_ID
                                + " was answered as support"));
            }
        }
    }
}
