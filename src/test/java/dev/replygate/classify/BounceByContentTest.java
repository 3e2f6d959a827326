package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounces that carry no delivery-status part, sent from a real address with a real Return-Path (as
 * antivirus and mail gateways send them), are bounces by their words and their From; a customer who
 * writes or quotes the same words stays a customer.
 */
class BounceByContentTest {

    private final RealParser parser = new RealParser();
    private final Classifier classifier = new Classifier(TicketSignatures.NONE);
    private final ClassifyContext ctx = ClassifyContext.builder().ourDomain("replygate.example")
            .ourAddress("support@host.example").build();

    private Verdict classify(String raw) {
        ParsedMail mail = parser.apply(new ByteArrayInputStream(raw.replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        return classifier.classify(mail, ctx);
    }

    // A gateway's notice: a real sender, a Return-Path equal to it, a subject no weak signal knows.
    private static String fromGateway(String from, String text) {
        return "Return-Path: <scanner@gw.example.net>\n"
                + "From: " + from + "\n"
                + "To: support@host.example\n"
                + "Subject: Notification\n"
                + "Message-ID: <n1@gw.example.net>\n"
                + "Content-Type: text/plain; charset=utf-8\n"
                + "\n"
                + text;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            qmail-bounce-text    | Hi. This is the qmail-send program at mx.example.org.\\nI'm afraid I wasn't able to deliver your message to the following addresses.\\n\\n<kim@example.org>:\\n550 5.1.1 User unknown
            james-bounce-text    | Hi. This is the James mail server at mx.example.org.\\nI'm afraid I wasn't able to deliver your message.\\n\\nkim@example.org\\n550 5.1.1 User unknown
            exim-bounce-text     | This message was created automatically by mail delivery software.\\n\\nA message that you sent could not be delivered to one or more of its\\nrecipients. This is a permanent error. The following address(es) failed:\\n\\n  kim@example.org\\n    550 5.1.1 User unknown
            postfix-bounce-text  | This is the mail system at host mx.example.org.\\n\\nI'm sorry to have to inform you that your message could not\\nbe delivered to one or more recipients.\\n\\n<kim@example.org>: host said: 550 5.1.1 User unknown
            sendmail-bounce-text | The original message was received at Thu, 29 Apr 2010 23:34:45 +0900\\n\\n   ----- The following addresses had permanent fatal errors -----\\n<kim@example.org>\\n    (reason: 550 5.1.1 User unknown)
            exchange-bounce-text | Delivery has failed to these recipients or groups:\\n\\nkim@example.org\\nThe email address you entered couldn't be found.
            exchange-bounce-text | Échec de la remise à ces destinataires ou groupes :\\n\\nkim@example.org
            notes-bounce-text    | Your message\\n  Subject: Test\\nwas not delivered to:\\n  kim@example.org\\nbecause:\\n  User kim (kim@example.org) not listed in Domino Directory
            mms-bounce-text      | Message could not be delivered to mobile.\\nError: No valid recipients for this MM
            gateway-bounce-text  | Your message could not be delivered to the following recipients:\\n\\n<kim@example.org> (550 5.1.1 mailbox unavailable)
            gateway-bounce-text  | Delivery failure notification\\n\\nYour message to kim@example.org was rejected: virus found.
            gateway-bounce-text  | Votre message à kim@example.org : non remis (delivery failed)\\n550 5.1.1 utilisateur inconnu
            provider-bounce-text | This is an automatically generated Delivery Status Notification\\n\\nDelivery to the following recipient failed permanently:\\n\\n     kim@example.org
            """)
    void aTextBounceFromARealSenderIsABounce(String rule, String text) {
        Verdict verdict = classify(fromGateway("Mail Scanner <scanner@gw.example.net>", text.replace("\\n", "\n")));

        assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
        assertThat(verdict.ruleNames()).contains(rule);
    }

    @Test
    void theFailedRecipientOfATextBounceIsRead() {
        Verdict verdict = classify(fromGateway("Mail Scanner <scanner@gw.example.net>",
                "Your message could not be delivered to the following recipients:\n\n"
                        + "<kim@example.org> (550 5.1.1 mailbox unavailable)\n"));

        assertThat(verdict.delivery()).isNotNull();
        assertThat(verdict.delivery().failures()).extracting(RecipientStatus::recipient).containsExactly("kim@example.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MAILER-DAEMON <>                          | null-from
            <>                                        | null-from
            Mail Delivery Subsystem <gw@relay.example> | mail-system-name
            "Mail Delivery System" <gw@relay.example>  | mail-system-name
            MMSC NDR Administrator <sysadmin@mms.example> | mail-system-name
            """)
    void aFromOnlyAMailSystemWritesIsABounce(String from, String rule) {
        Verdict verdict = classify(fromGateway(from, "Something went wrong.\n"));

        assertThat(verdict.mailClass()).isEqualTo(MailClass.BOUNCE);
        assertThat(verdict.ruleNames()).contains(rule);
    }

    @Test
    void aCustomerWhoWritesAboutFailedDeliveryStaysACustomer() {
        Verdict verdict = classify("""
                From: Kim Park <kim@customer.example>
                To: support@host.example
                Subject: Re: your ticket
                Message-ID: <k1@customer.example>
                Content-Type: text/plain; charset=utf-8

                Hello,

                since Monday the delivery failed for every mail I send. I always get back
                "Your message could not be delivered to the following recipients" and then
                my colleague's address. The message was returned to sender, user unknown.
                Could you look at it? Mail delivery software is not my strength.

                Kim
                """);

        assertThat(verdict.mailClass()).isEqualTo(MailClass.NEW);
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void aCustomerWhoQuotesOrForwardsABounceStaysACustomer() {
        Verdict quoted = classify("""
                From: Kim Park <kim@customer.example>
                To: support@host.example
                Subject: Re: mails bounce
                Content-Type: text/plain; charset=utf-8

                This is what I get:

                > This message was created automatically by mail delivery software.
                > A message that you sent could not be delivered to one or more of its
                > recipients. This is a permanent error.

                What does it mean?
                """);
        Verdict forwarded = classify("""
                From: Kim Park <kim@customer.example>
                To: support@host.example
                Subject: Fwd: Undelivered Mail Returned to Sender
                Content-Type: text/plain; charset=utf-8

                Please help, see below.

                ---------- Forwarded message ---------
                From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mx.customer.example.
                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.
                """);

        assertThat(quoted.mailClass()).isEqualTo(MailClass.NEW);
        assertThat(forwarded.mailClass()).isEqualTo(MailClass.NEW);
    }

    @Test
    void peopleWhoseNamesLookLikeMailSystemsAreNot() {
        for (String from : new String[] {"Dan Mailer <dan@customer.example>", "Post Master Jones <pmj@customer.example>",
                "\"Delivery Team\" <team@customer.example>", "Kim <kim@customer.example>"}) {
            assertThat(classify(fromGateway(from, "Hello, my site is down.\n")).mailClass()).as(from)
                    .isEqualTo(MailClass.NEW);
        }
    }
}
