package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.Main;
import dev.replygate.notify.NotificationRequest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's shadow mode on a real IMAP server: {@code run --once} on a mailbox with {@code shadow: true}
 * records what it would do with every message (a signed reply, an authenticated new request, an
 * out-of-office) but sends nothing and changes nothing on the server: same messages, same flags, no
 * folders. Switched off, the recorded outcomes are applied, still without an answer.
 */
class ShadowModeIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String SARA = "sara@customer.test";
    private static final String AWAY = "away@customer.test";
    private static final String NEWCOMER = "new@customer.test";

    @TempDir
    Path dir;

    private MailWorld mail;
    private InstanceConfig instance;
    private MimeMessage reply;
    private MimeMessage outOfOffice;
    private MimeMessage newRequest;

    @BeforeEach
    void start() throws Exception {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(SARA).addMailbox(AWAY).addMailbox(NEWCOMER);
        instance = new InstanceConfig(dir, mail).trustDeliveredOverSmtp("mx.hosting.test");
        try (Replygate replygate = new Replygate(instance.imapMailbox("support", SUPPORT, "").load(),
                Clock.systemUTC())) {
            for (String[] n : new String[][] {{"7001", SARA}, {"7002", AWAY}}) {
                replygate.notificationService().queue(new NotificationRequest(n[0], "answered", n[1], "", "en",
                        Map.of("subject", "Server down"), "shadow-" + n[0]));
            }
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(2);
        }
        reply = MailProgram.reply(mail.inbox(SARA).get(0).message(), "Sara", SARA, SUPPORT, "Still down.", "UTF-8");
        outOfOffice = MailProgram.outOfOffice(mail.inbox(AWAY).get(0).message(), AWAY, SUPPORT);
        newRequest = new MimeMessage(Session.getInstance(new Properties()));
        newRequest.setFrom(new InternetAddress(NEWCOMER));
        newRequest.setRecipients(Message.RecipientType.TO, SUPPORT);
        newRequest.setSubject("Please delete my old server");
        newRequest.setText("Hello, please delete it.", "UTF-8");
        // as our receiving server would stamp it: the sender passed DMARC, so it would be answered
        newRequest.setHeader("Authentication-Results", "mx.hosting.test; spf=pass smtp.mailfrom=" + NEWCOMER
                + "; dmarc=pass header.from=customer.test");
        newRequest.saveChanges();
        mail.send(reply, SARA, SUPPORT);
        mail.send(outOfOffice, AWAY, SUPPORT);
        mail.send(newRequest, NEWCOMER, SUPPORT);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void shadowModeRecordsEverythingSendsNothingAndChangesNothingOnTheServer() throws Exception {
        Path config = new InstanceConfig(dir, mail).trustDeliveredOverSmtp("mx.hosting.test")
                .imapMailbox("support", SUPPORT, "shadow: true").write();
        Map<String, List<String>> before = mail.snapshot(SUPPORT);
        int messagesBefore = mail.totalMessages();

        assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();
        assertThat(Main.execute("run", "--once", "--config", config.toString())).as("a second run").isZero();

        assertThat(mail.snapshot(SUPPORT)).as("folders, messages and flags of the support mailbox").isEqualTo(before);
        assertThat(before.keySet()).as("a single folder").hasSize(1);
        assertThat(mail.totalMessages()).as("nothing was sent").isEqualTo(messagesBefore);
        assertThat(mail.inbox(SARA)).hasSize(1);
        assertThat(mail.inbox(NEWCOMER)).isEmpty();
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).as("what replygate would have done").hasSize(3)
                    .allSatisfy(r -> {
                        assertThat(r.shadow()).isTrue();
                        assertThat(r.answerOutboxId()).isNull();
                    })
                    .extracting(r -> "<" + r.messageId() + ">", StoreView.Inbound::mailClass, StoreView.Inbound::action)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(reply.getMessageID(), "reply", "redirect"),
                            org.assertj.core.groups.Tuple.tuple(outOfOffice.getMessageID(), "auto-reply", "ignore"),
                            org.assertj.core.groups.Tuple.tuple(newRequest.getMessageID(), "new", "redirect"));
            assertThat(store.answers()).as("answers queued").isEmpty();
        }
    }

    @Test
    void switchedOffTheRecordedOutcomesAreAppliedWithoutAnAnswer() throws Exception {
        Path shadow = new InstanceConfig(dir, mail).trustDeliveredOverSmtp("mx.hosting.test")
                .imapMailbox("support", SUPPORT, "shadow: true").write();
        assertThat(Main.execute("run", "--once", "--config", shadow.toString())).isZero();
        int messagesBefore = mail.totalMessages();
        Path live = new InstanceConfig(dir, mail).trustDeliveredOverSmtp("mx.hosting.test").imapMailbox("support", SUPPORT, "").write();

        assertThat(Main.execute("run", "--once", "--config", live.toString())).isZero();

        assertThat(mail.messageIds(SUPPORT, "INBOX")).isEmpty();
        assertThat(mail.messageIds(SUPPORT, MailWorld.REDIRECTED))
                .containsExactly(reply.getMessageID(), newRequest.getMessageID());
        assertThat(mail.messageIds(SUPPORT, MailWorld.IGNORED)).containsExactly(outOfOffice.getMessageID());
        assertThat(mail.totalMessages()).as("nothing was sent").isEqualTo(messagesBefore);
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).hasSize(3);
            assertThat(store.answers()).isEmpty();
        }
    }
}
