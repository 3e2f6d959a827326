package dev.replygate.inbound;

import dev.replygate.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 3: the per-sender limits keyed the whole address, so {@code victim+1@}, {@code +2@},
 * {@code +3@} each got an answer. They are one inbox and get one answer in the reply window.
 */
class PlusTagRateLimitIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String OURS = "mx.hosting.test";

    @TempDir
    Path dir;

    @Test
    void plusTagAndCaseVariantsOfOneAddressShareItsLimits() throws Exception {
        try (MailWorld mail = new MailWorld().addMailbox(SUPPORT)) {
            List<String> variants = List.of("victim+1@customer.test", "Victim+2@customer.test", "VICTIM+3@Customer.Test",
                    "v.i.c.t.i.m+4@gmail.com", "victim@googlemail.com");
            for (String sender : variants) {
                mail.send(MailProgram.authenticatedRequest(sender, SUPPORT, "CHEAP PILLS at http://spam.example", OURS,
                        null), sender, SUPPORT);
            }
            InstanceConfig instance = new InstanceConfig(dir, mail).trustDeliveredOverSmtp(OURS).imapMailbox("support", SUPPORT, "");

            assertThat(Main.execute("run", "--once", "--config", instance.write().toString())).isZero();

            try (StoreView store = new StoreView(instance.jdbcUrl())) {
                assertThat(store.answers()).extracting(StoreView.Outgoing::recipient)
                        .containsExactly("victim+1@customer.test", "v.i.c.t.i.m+4@gmail.com");
                assertThat(store.inbound()).hasSize(5).filteredOn(r -> r.answerTo() == null)
                        .hasSize(3)
                        .allSatisfy(r -> assertThat(r.reasons()).contains("rate-limit:ticket-window"));
            }
        }
    }
}
