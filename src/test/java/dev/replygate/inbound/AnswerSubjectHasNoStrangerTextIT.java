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
 * template's only, and whose body does not name the spam's subject either. A signed reply's subject is
 * not shown either, whoever wrote it: anyone the customer copied the thread to holds the notification's
 * Message-ID (session 26's review). Threading headers stay.
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
    void aSignedRepliesSubjectIsNotInTheAnswerWhoeverWroteIt() throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail).imapMailbox("support", SUPPORT, "");
        Path config = instance.write();
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            for (String ticket : List.of("7001", "7002")) {
                replygate.notificationService().queue(new NotificationRequest(ticket, "answered", SARA, "Sara", "en",
                        Map.of("subject", "Server down"), "subject-" + ticket));
            }
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(2);
        }
        List<MailWorld.Received> notifications = mail.inbox(SARA);
        MimeMessage fromSara = MailProgram.reply(notifications.get(0).message(), "Sara", SARA, SUPPORT, "Still down.",
                "UTF-8");
        fromSara.setSubject("Re: <b>urgent</b> \u202Eevil " + SPAM, "UTF-8");
        fromSara.saveChanges();
        mail.send(fromSara, SARA, SUPPORT);
        // anyone Sara copied the thread to holds the notification's Message-ID, and may write any subject
        MimeMessage fromAStranger = MailProgram.reply(notifications.get(1).message(), "Billing", "billing@phish.test",
                SUPPORT, "Pay now.", "UTF-8");
        fromAStranger.setSubject("Your account is suspended: " + SPAM, "UTF-8");
        fromAStranger.saveChanges();
        mail.send(fromAStranger, "billing@phish.test", SUPPORT);

        assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();

        List<MailWorld.Received> answers = mail.inbox(SARA).subList(2, mail.inbox(SARA).size());
        assertThat(answers).as("both answered, to the ticket's notified customer").hasSize(2);
        for (MailWorld.Received answer : answers) {
            assertThat(answer.message().getSubject()).matches("Auto: Your message was not added to ticket #700[12]");
            assertNoStrangerText(answer);
            assertThat(MailProgram.textOf(answer.message()) + MailProgram.htmlOf(answer.message()))
                    .doesNotContain("urgent").doesNotContain("suspended").doesNotContain("\u202E");
        }
        assertThat(answers).extracting(answer -> answer.header("In-Reply-To"))
                .containsExactlyInAnyOrder(fromSara.getMessageID(), fromAStranger.getMessageID());
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
