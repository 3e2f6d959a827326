package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.Main;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.outbound.DeliveryReport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance of issue 3, end to end on a real mail server: replygate sends ticket notifications (en and
 * fa) by SMTP; the customers answer them as their mail programs do, to the support mailbox read over
 * IMAP or POP3; one customer is away and their out-of-office answers. {@code run --once} gives each
 * reply exactly one redirect, read by the customer over IMAP: to the ticket's link, in the language of
 * the ticket's notification, as RFC 3834 asks; the out-of-office gets nothing. A second run sends nothing.
 */
class ReplyRedirectIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String SARA = "sara@customer.test";
    private static final String JOHN = "john@customer.test";
    private static final String AWAY = "away@customer.test";
    private static final String SARA_TICKET = "482913";
    private static final String JOHN_TICKET = "482914";
    private static final String AWAY_TICKET = "482915";
    private static final String PERSIAN_SUBJECT = "سایت من از دسترس خارج شده است";

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(SARA).addMailbox(JOHN).addMailbox(AWAY);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @ParameterizedTest(name = "{0}, Persian reply in {1}")
    @CsvSource({"imap, UTF-8", "imap, windows-1256", "pop3, UTF-8", "pop3, windows-1256"})
    void aReplyByMailGetsOneRedirectToItsTicketInTheLanguageOfItsNotification(String protocol, String persianCharset)
            throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail);
        if (protocol.equals("imap")) {
            instance.imapMailbox("support", SUPPORT, "");
        } else {
            instance.pop3Mailbox("support", SUPPORT, "");
        }
        Path config = instance.write();
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            notify(replygate, SARA_TICKET, SARA, "سارا احمدی", "fa", PERSIAN_SUBJECT);
            notify(replygate, JOHN_TICKET, JOHN, "John Smith", "en", "Cannot renew my domain");
            notify(replygate, AWAY_TICKET, AWAY, "Alex Away", "en", "Invoice question");
            DeliveryReport sent = Replygate.deliverAllDue(replygate.deliverer());
            assertThat(sent.sent()).as("notifications sent").isEqualTo(3);
        }
        MimeMessage saraNotification = onlyMessage(SARA);
        MimeMessage johnNotification = onlyMessage(JOHN);
        MimeMessage awayNotification = onlyMessage(AWAY);
        assertThat(saraNotification.getSubject()).contains(PERSIAN_SUBJECT);

        MimeMessage saraReply = MailProgram.reply(saraNotification, "سارا احمدی", SARA, SUPPORT,
                "سلام، سایت هنوز باز نمی‌شود. لطفاً دوباره بررسی کنید.", persianCharset);
        MimeMessage johnReply = MailProgram.reply(johnNotification, "John Smith", JOHN, SUPPORT,
                "Hello, the renewal page still shows an error. Please have a look.", "UTF-8");
        MimeMessage outOfOffice = MailProgram.outOfOffice(awayNotification, AWAY, SUPPORT);
        mail.send(saraReply, SARA, SUPPORT);
        mail.send(outOfOffice, AWAY, SUPPORT);
        mail.send(johnReply, JOHN, SUPPORT);
        assertThat(mail.inbox(SUPPORT)).as("the support mailbox got the three").hasSize(3)
                .allSatisfy(received -> assertThat(received.header("Return-Path"))
                        .as("GreenMail records the envelope sender as Return-Path").startsWith("<")
                        .contains("@customer.test"));

        assertThat(Main.execute("run", "--once", "--config", config.toString())).as("run --once").isZero();

        MailWorld.Received saraRedirect = onlyRedirect(SARA);
        assertRedirect(saraRedirect, saraReply, SARA_TICKET);
        assertThat(saraRedirect.message().getSubject()).as("our template's subject, never the reply's")
                .isEqualTo("Auto: پیام شما به تیکت \u2068#" + SARA_TICKET + "\u2069 اضافه نشد");
        assertThat(saraRedirect.header("Content-Language")).isEqualTo("fa");
        assertThat(MailProgram.htmlOf(saraRedirect.message())).contains("dir=\"rtl\"").contains("تیکت");

        MailWorld.Received johnRedirect = onlyRedirect(JOHN);
        assertRedirect(johnRedirect, johnReply, JOHN_TICKET);
        assertThat(johnRedirect.message().getSubject())
                .isEqualTo("Auto: Your message was not added to ticket #" + JOHN_TICKET);
        assertThat(johnRedirect.header("Content-Language")).isEqualTo("en");
        assertThat(MailProgram.htmlOf(johnRedirect.message())).contains("dir=\"ltr\"").doesNotContain("dir=\"rtl\"");

        assertThat(mail.inbox(AWAY)).as("the out-of-office got nothing").hasSize(1);

        Map<String, String> dispositions = dispositionsByMessageId(instance);
        assertThat(dispositions).containsEntry(saraReply.getMessageID(), "redirected")
                .containsEntry(johnReply.getMessageID(), "redirected")
                .containsEntry(outOfOffice.getMessageID(), "ignored").hasSize(3);
        String outOfOfficeId = strip(outOfOffice.getMessageID());
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).filteredOn(r -> r.messageId().equals(outOfOfficeId))
                    .singleElement().satisfies(r -> {
                        assertThat(r.mailClass()).isEqualTo("auto-reply");
                        assertThat(r.reasons()).contains("auto-submitted");
                        assertThat(r.answerOutboxId()).isNull();
                    });
        }
        if (protocol.equals("imap")) {
            assertThat(mail.messageIds(SUPPORT, "INBOX")).isEmpty();
            assertThat(mail.messageIds(SUPPORT, MailWorld.REDIRECTED))
                    .containsExactlyInAnyOrder(saraReply.getMessageID(), johnReply.getMessageID());
            assertThat(mail.messageIds(SUPPORT, MailWorld.IGNORED)).containsExactly(outOfOffice.getMessageID());
        } else {
            assertThat(mail.messageIds(SUPPORT, "INBOX")).as("POP3 keeps the messages on the server")
                    .containsExactly(saraReply.getMessageID(), outOfOffice.getMessageID(), johnReply.getMessageID());
        }

        int everything = mail.totalMessages();
        assertThat(Main.execute("run", "--once", "--config", config.toString())).as("second run --once").isZero();

        assertThat(mail.totalMessages()).as("the second run sent nothing").isEqualTo(everything);
        assertThat(mail.inbox(SARA)).hasSize(2);
        assertThat(mail.inbox(JOHN)).hasSize(2);
        assertThat(mail.inbox(AWAY)).hasSize(1);
        assertThat(dispositionsByMessageId(instance)).as("nothing recorded twice").isEqualTo(dispositions);
    }

    private static void notify(Replygate replygate, String ticket, String to, String name, String locale,
                               String subject) {
        replygate.notificationService().queue(new NotificationRequest(ticket, "answered", to, name, locale,
                Map.of("subject", subject, "department", "Support", "status", "Answered", "operator", "Mina"),
                "e2e-" + ticket));
    }

    private MimeMessage onlyMessage(String customer) throws Exception {
        List<MailWorld.Received> inbox = mail.inbox(customer);
        assertThat(inbox).as("inbox of %s", customer).hasSize(1);
        return inbox.get(0).message();
    }

    /** The customer's inbox holds the notification and exactly one more message: the redirect. */
    private MailWorld.Received onlyRedirect(String customer) throws Exception {
        List<MailWorld.Received> inbox = mail.inbox(customer);
        assertThat(inbox).as("inbox of %s: the notification and one redirect", customer).hasSize(2);
        return inbox.get(1);
    }

    private static void assertRedirect(MailWorld.Received redirect, MimeMessage reply, String ticket)
            throws Exception {
        MimeMessage message = redirect.message();
        String link = "https://portal.hosting.test/viewticket.php?tid=" + ticket;
        assertThat(redirect.header("Auto-Submitted")).isEqualTo("auto-replied");
        assertThat(redirect.header("In-Reply-To")).isEqualTo(reply.getMessageID());
        assertThat(redirect.header("References")).contains(reply.getMessageID());
        assertThat(redirect.header("Return-Path")).as("envelope sender as GreenMail recorded it").isEqualTo("<>");
        assertThat(message.getFrom()[0].toString()).contains("support@hosting.test");
        assertThat(MailProgram.textOf(message)).contains(link);
        assertThat(MailProgram.htmlOf(message)).contains("href=\"" + link + "\"");
        String rawText = new String(redirect.raw(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(MimeUtility.decodeText(message.getSubject())).startsWith("Auto: ").doesNotContain("Re: ");
        assertThat(MailProgram.textOf(message) + MailProgram.htmlOf(message) + rawText)
                .as("never quotes the reply's body").doesNotContain("Please have a look").doesNotContain("بررسی کنید");
    }

    private Map<String, String> dispositionsByMessageId(InstanceConfig instance) {
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            return store.inbound().stream().collect(java.util.stream.Collectors.toMap(
                    r -> "<" + r.messageId() + ">", StoreView.Inbound::disposition));
        }
    }

    private static String strip(String messageId) {
        return messageId.substring(1, messageId.length() - 1);
    }
}
