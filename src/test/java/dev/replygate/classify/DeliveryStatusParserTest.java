package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.replygate.classify.ParsedMailBuilder.human;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStatusParserTest {

    private final DeliveryStatusParser parser = new DeliveryStatusParser(
            new FakeSignatures().signedMessageId("rg.ours@replygate.example", "T7"));

    private DeliveryReport parse(ParsedMail mail) {
        return parser.parse(mail).orElseThrow(() -> new AssertionError("no report"));
    }

    @Test
    void readsEveryRecipientOfAStandardReport() {
        DeliveryReport report = parse(human().deliveryStatus("""
                Reporting-MTA: dns; mx.customer.example
                Arrival-Date: Mon, 1 Jan 2024 10:00:00 +0000

                Final-Recipient: rfc822; bob@customer.example
                Original-Recipient: rfc822;Bob@Customer.Example
                Action: failed (permanent)
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

                Final-Recipient: RFC822; <carol@customer.example>
                Action: Delayed
                Status: 4.4.7
                Diagnostic-Code: smtp; 451 4.4.7 try again later

                Final-Recipient: dave@customer.example
                Action: failed
                Status: 5.0.0
                Diagnostic-Code: smtp; 550 5.1.1 <dave@customer.example>: Recipient address rejected:
                  User unknown in local recipient table

                Final-Recipient: rfc822; erin@customer.example
                Action: delivered
                Status: 2.0.0
                """).build());
        assertThat(report.reportingMta()).isEqualTo("mx.customer.example");
        assertThat(report.recipients()).extracting(RecipientStatus::recipient, RecipientStatus::action,
                RecipientStatus::status, RecipientStatus::hard).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bob@customer.example", DeliveryAction.FAILED, "5.2.2", false),
                org.assertj.core.groups.Tuple.tuple("carol@customer.example", DeliveryAction.DELAYED, "4.4.7", false),
                org.assertj.core.groups.Tuple.tuple("dave@customer.example", DeliveryAction.FAILED, "5.1.1", true),
                org.assertj.core.groups.Tuple.tuple("erin@customer.example", DeliveryAction.DELIVERED, "2.0.0", false));
        assertThat(report.recipients().get(0).originalRecipient()).isEqualTo("Bob@customer.example");
        assertThat(report.recipients().get(0).permanent()).isTrue();
        assertThat(report.recipients().get(1).permanent()).isFalse();
        assertThat(report.failures()).hasSize(3);
        assertThat(report.trusted()).isFalse();
    }

    @Test
    void toleratesBlocksWithoutBlankLinesAndFieldsBeforeTheRecipient() {
        DeliveryReport report = parse(human().deliveryStatus("""
                Reporting-MTA: dns; mx.customer.example
                Action: failed
                Status: 5.1.1
                Final-Recipient: rfc822; bob@customer.example
                Final-Recipient: rfc822; carol@customer.example
                Action: expired
                Status: 4.4.7
                """).build());
        assertThat(report.recipients()).extracting(RecipientStatus::recipient, RecipientStatus::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob@customer.example", DeliveryAction.FAILED),
                        org.assertj.core.groups.Tuple.tuple("carol@customer.example", DeliveryAction.FAILED));
    }

    @Test
    void aReportIsTrustedOnlyWhenTheQuotedMessageIdIsOurs() {
        ParsedMailBuilder bounce = human().deliveryStatus("Final-Recipient: rfc822; bob@customer.example\nAction: failed\n");
        DeliveryReport ours = parse(bounce.attachedHeaders("Message-ID: <rg.ours@replygate.example>").build());
        assertThat(ours.trusted()).isTrue();
        assertThat(ours.ticketId()).isEqualTo("T7");
        assertThat(ours.notificationMessageId()).isEqualTo("rg.ours@replygate.example");

        DeliveryReport forged = parse(human().deliveryStatus("Final-Recipient: rfc822; bob@customer.example\nAction: failed\n")
                .attachedHeaders("Message-ID: <rg.forged@replygate.example>").build());
        assertThat(forged.trusted()).isFalse();
        assertThat(forged.ticketId()).isNull();
        assertThat(forged.notificationMessageId()).isEqualTo("rg.forged@replygate.example");
    }

    @Test
    void theQuotedMessageIdIsAlsoFoundInTheText() {
        DeliveryReport report = parse(human().header("X-Failed-Recipients", "bob@customer.example")
                .text("Mail delivery failed\n\n------ This is a copy of the message, including all the headers. ------\n"
                        + "Message-Id: <rg.ours@replygate.example>\n").build());
        assertThat(report.trusted()).isTrue();
    }

    @Test
    void eximNamesTheFailedRecipientsInAHeader() {
        DeliveryReport report = parse(human().from("Mailer-Daemon@mx.example").header("X-Failed-Recipients", "bob@customer.example")
                .text("""
                        This message was created automatically by mail delivery software.

                        A message that you sent could not be delivered to one or more of its
                        recipients. This is a permanent error. The following address(es) failed:

                          bob@customer.example
                            SMTP error from remote mail server after RCPT TO:<bob@customer.example>:
                            host mx.customer.example [192.0.2.1]: 550 5.1.1 <bob@customer.example>: User unknown

                        ------ This is a copy of the message, including all the headers. ------
                        To: carol@customer.example
                        """).build());
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("bob@customer.example");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.hard()).isTrue();
        });
    }

    @Test
    void aPostfixTextWithoutDsnPartAndAMailboxFullIsSoft() {
        DeliveryReport report = parse(human().from("MAILER-DAEMON@mx.example").text("""
                This is the mail system at host mx.example.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <bob@customer.example>: host mx.customer.example[192.0.2.1] said: 552 5.2.2
                    Mailbox full (in reply to RCPT TO command)
                """).build());
        assertThat(report.failures()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("bob@customer.example");
            assertThat(r.status()).isEqualTo("5.2.2");
            assertThat(r.hard()).isFalse();
            assertThat(r.permanent()).isTrue();
        });
    }

    @Test
    void aDelayWarningIsDelayedAndSoft() {
        DeliveryReport report = parse(human().from("MAILER-DAEMON@mx.example").subject("Warning: message delayed").text("""
                This is the mail system at host mx.example.

                ####################################################################
                # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
                ####################################################################

                Your message could not be delivered for more than 4 hour(s).
                It will be retried until it is 5 day(s) old.

                <bob@customer.example>: connect to mx.customer.example[192.0.2.1]:25: Connection timed out
                """).build());
        assertThat(report.failures()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(DeliveryAction.DELAYED);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void textThatDoesNotReadLikeABounceYieldsNoRecipients() {
        ParsedMail mail = human().text("Please write to carol@customer.example while I am away.").build();
        assertThat(parser.parse(mail)).isEmpty();
    }

    @Test
    void hardMeansTheAddressIsGone() {
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.1.1", "")).isTrue();
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.0.0", "550 No such user here")).isTrue();
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.4.4", "Host or domain name not found")).isTrue();
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.1.1", "552 mailbox is full")).isFalse();
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.7.1", "blocked using zen.spamhaus.org")).isFalse();
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.0.0", "550 user unknown (in reply to end of DATA command)"))
                .as("refused after DATA: a content filter").isFalse();
        assertThat(BounceSeverity.hard(DeliveryAction.DELAYED, "5.1.1", "user unknown")).isFalse();
        assertThat(BounceSeverity.hard(DeliveryAction.FAILED, "5.0.0",
                "<<< 550 user unknown\n421 mx.example: Connection timed out")).as("the 4xx line is another attempt").isTrue();
    }

    @Test
    void statusCodesAreReadFromTexts() {
        assertThat(StatusCodes.enhanced("smtp; 550 5.1.1 <a@b.example>")).isEqualTo("5.1.1");
        assertThat(StatusCodes.enhanced("version 1.2.3.4")).isNull();
        assertThat(StatusCodes.enhanced("550-5.7.26 unauthenticated")).isEqualTo("5.7.26");
        assertThat(StatusCodes.fromReplyCode("smtp; 554 delivery error")).isEqualTo("5.0.0");
        assertThat(StatusCodes.fromReplyCode("no code here")).isNull();
        assertThat(List.of(DeliveryAction.parse("Failed (bad)"), DeliveryAction.parse("relayed; x"), DeliveryAction.parse(null)))
                .containsExactly(DeliveryAction.FAILED, DeliveryAction.RELAYED, DeliveryAction.UNKNOWN);
    }
}
