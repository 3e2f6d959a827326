package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.Main;
import dev.replygate.notify.NotificationRequest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, finding 4: an answer never carries a stranger's words. Authenticated spam (new mail, and
 * an unsigned "reply" matched by the admin's subject pattern) gets an answer whose subject is our
 * template's only, and whose body does not name the spam's subject either; a signed reply's subject
 * appears in the body of the answer to the ticket's customer only, escaped and isolated, never in a
 * header. Threading headers stay.
 */
class AnswerSubjectHasNoStrangerTextIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String SARA = "sara@customer.test";
    private static final String VICTIM = "victim@customer.test";
    private static final String OTHER_VICTIM = "victim2@customer.test";
    private static final String MX = "mx.hosting.test";
    private static final String SPAM = "CHEAP PILLS at http://spam.example";

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(SARA).addMailbox(VICTIM).addMailbox(OTHER_VICTIM);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void answersToStrangersCarryOurTemplateSubjectAndNoneOfTheirWords() throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail).trust(MX)
                .inbound("""
                        subject-patterns:
                          - name: whmcs
                            pattern: '\\[Ticket ID: (?<ticket>\\d+)\\]'""")
                .imapMailbox("support", SUPPORT, "");
        Path config = instance.write();
        mail.append(SUPPORT, "INBOX", List.of(
                MailProgram.authenticated(MX, VICTIM, SUPPORT, SPAM),
                MailProgram.authenticated(MX, OTHER_VICTIM, SUPPORT, "[Ticket ID: 4242] " + SPAM)));

        assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();

        MailWorld.Received newMailAnswer = onlyMessage(VICTIM);
        assertThat(newMailAnswer.message().getSubject())
                .isEqualTo("Auto: Please send your request through the client area");
        assertNoStrangerText(newMailAnswer);
        assertThat(newMailAnswer.header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(newMailAnswer.header("In-Reply-To")).as("threading kept").startsWith("<").endsWith("@customer.test>");

        MailWorld.Received patternAnswer = onlyMessage(OTHER_VICTIM);
        assertThat(patternAnswer.message().getSubject()).isEqualTo("Auto: Your message was not added to ticket #4242");
        assertNoStrangerText(patternAnswer);
        assertThat(patternAnswer.header("References")).as("threading kept").endsWith("@customer.test>");
    }

    @Test
    void aSignedRepliesSubjectIsShownOnlyInTheBodyForTheNotifiedCustomerEscapedAndIsolated() throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail).imapMailbox("support", SUPPORT, "");
        Path config = instance.write();
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            replygate.notificationService().queue(new NotificationRequest("7001", "answered", SARA, "Sara", "en",
                    Map.of("subject", "Server down"), "subject-7001"));
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(1);
        }
        MimeMessage notification = onlyMessage(SARA).message();
        MimeMessage reply = MailProgram.reply(notification, "Sara", SARA, SUPPORT, "Still down.", "UTF-8");
        reply.setSubject("Re: <b>urgent</b> \u202Eevil", "UTF-8");
        reply.saveChanges();
        mail.send(reply, SARA, SUPPORT);

        assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();

        List<MailWorld.Received> inbox = mail.inbox(SARA);
        assertThat(inbox).hasSize(2);
        MailWorld.Received answer = inbox.get(1);
        MimeMessage message = answer.message();
        assertThat(message.getSubject()).isEqualTo("Auto: Your message was not added to ticket #7001");
        assertThat(answer.header("In-Reply-To")).isEqualTo(reply.getMessageID());
        String html = MailProgram.htmlOf(message);
        assertThat(html).as("escaped and isolated")
                .contains("<bdi>Re: &lt;b&gt;urgent&lt;/b&gt; evil</bdi>").doesNotContain("<b>urgent");
        assertThat(MailProgram.textOf(message)).contains("\u2068Re: <b>urgent</b> evil\u2069");
        assertThat(html + MailProgram.textOf(message)).as("no bidi override survives").doesNotContain("\u202E");
    }

    private MailWorld.Received onlyMessage(String address) throws Exception {
        List<MailWorld.Received> inbox = mail.inbox(address);
        assertThat(inbox).as("inbox of %s", address).hasSize(1);
        return inbox.get(0);
    }

    /** Neither a header (decoded), nor the text, nor the HTML, nor the raw bytes carry the spam's words. */
    private static void assertNoStrangerText(MailWorld.Received answer) throws Exception {
        MimeMessage message = answer.message();
        StringBuilder everything = new StringBuilder(new String(answer.raw(), StandardCharsets.UTF_8));
        for (var headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            var header = headers.nextElement();
            everything.append('\n').append(jakarta.mail.internet.MimeUtility.decodeText(header.getValue()));
        }
        everything.append(MailProgram.textOf(message)).append(MailProgram.htmlOf(message));
        assertThat(everything.toString()).doesNotContainIgnoringCase("cheap pills").doesNotContain("spam.example");
    }
}
