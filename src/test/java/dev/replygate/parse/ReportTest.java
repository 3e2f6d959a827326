package dev.replygate.parse;

import org.junit.jupiter.api.Test;

import static dev.replygate.parse.TestMails.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportTest {

    private static final String DSN = """
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            To: notify@support.example
            Subject: Undelivered Mail Returned to Sender
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type="Delivery-Status";
            \tboundary="DSN.42/mx.example.net"

            This is a MIME-encapsulated message.

            --DSN.42/mx.example.net
            Content-Description: Notification
            Content-Type: text/plain; charset=us-ascii

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            --DSN.42/mx.example.net
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net
            Arrival-Date: Thu, 29 Apr 2021 23:34:45 +0900 (JST)

            Final-Recipient: rfc822; customer@example.org
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <customer@example.org>: User unknown

            --DSN.42/mx.example.net
            Content-Description: Undelivered Message Headers
            Content-Type: text/rfc822-headers

            From: Support <notify@support.example>
            To: customer@example.org
            Subject: [Ticket ID: 123456] Your request was answered
            Message-ID: <ticket-123456.notify@support.example>

            --DSN.42/mx.example.net--
            """;

    @Test
    void collectsTheDeliveryStatusAndTheOriginalHeaderOfADsn() throws Exception {
        ParsedMail mail = parse(DSN);

        assertThat(mail.mimeType()).isEqualTo("multipart/report");
        assertThat(mail.reportType()).isEqualTo("delivery-status");
        assertThat(mail.returnPath()).isEmpty();
        assertThat(mail.text()).startsWith("I'm sorry to have to inform you");
        assertThat(mail.deliveryStatus()).singleElement().asString()
                .startsWith("Reporting-MTA: dns; mx.example.net\n")
                .contains("Final-Recipient: rfc822; customer@example.org\nAction: failed\nStatus: 5.1.1\n");
        assertThat(mail.attachedHeaders()).singleElement().asString()
                .startsWith("From: Support <notify@support.example>\n")
                .contains("Message-ID: <ticket-123456.notify@support.example>");
        assertThat(mail.parts()).extracting(ParsedMail.PartInfo::mimeType)
                .containsExactly("text/plain", "message/delivery-status", "text/rfc822-headers");
        assertThat(mail.problems()).isEmpty();
    }

    @Test
    void keepsOnlyTheHeaderOfAnAttachedMessageNotItsBody() throws Exception {
        ParsedMail mail = parse("""
                From: MAILER-DAEMON@mx.example.net
                Content-Type: multipart/report; report-type=delivery-status; boundary=b

                --b
                Content-Type: message/global-delivery-status

                Reporting-MTA: dns; mx.example.net
                Final-Recipient: utf-8; کاربر@example.org
                Status: 5.1.1

                --b
                Content-Type: message/rfc822
                Content-Transfer-Encoding: base64

                %s
                --b--
                """.formatted(TestMails.base64("""
                Message-ID: <original@support.example>
                Subject: secret

                the body of the original, never kept
                """, "UTF-8")));

        assertThat(mail.deliveryStatus()).singleElement().asString().contains("Final-Recipient: utf-8; کاربر@example.org");
        assertThat(mail.attachedHeaders()).containsExactly("Message-ID: <original@support.example>\nSubject: secret\n\n");
        assertThat(mail.parts().get(1).size()).as("the attached message is counted whole").isGreaterThan(90);
        assertThat(mail.text()).isEmpty();
    }

    @Test
    void readsTheLookAlikesOfDeliveryStatus() throws Exception {
        ParsedMail mail = parse("""
                From: MAILER-DAEMON@mx.example.net
                Content-Type: multipart/report; report-type=delivery-status; boundary=b

                --b
                Content-Type: message/xdelivery-status

                Status: 5.0.0
                --b
                Content-Type: message/global-headers

                Message-ID: <a@b>
                --b--
                """);

        assertThat(mail.deliveryStatus()).containsExactly("Status: 5.0.0");
        assertThat(mail.attachedHeaders()).containsExactly("Message-ID: <a@b>");
    }

    @Test
    void cutsALongReportPartAtTheLimit() throws Exception {
        ParseLimits limits = TestMails.SMALL.withMaxReportPartBytes(20);

        ParsedMail mail = TestMails.parse(TestMails.crlf(DSN), limits);

        assertThat(mail.deliveryStatus()).containsExactly("Reporting-MTA: dns; ");
        assertThat(mail.attachedHeaders()).containsExactly("From: Support <notif");
        assertThat(mail.problems()).containsExactly(
                "part 2: cut at 20 bytes (ParseLimits.maxReportPartBytes)",
                "part 3: cut at 20 bytes (ParseLimits.maxReportPartBytes)");
    }

    @Test
    void skipsReportPartsBeyondTheLimit() throws Exception {
        ParseLimits limits = TestMails.SMALL.withMaxReportParts(1);

        ParsedMail mail = TestMails.parse(TestMails.crlf(DSN.replace("text/rfc822-headers", "message/delivery-status")),
                limits);

        assertThat(mail.deliveryStatus()).hasSize(1);
        assertThat(mail.problems()).singleElement().asString().contains("ParseLimits.maxReportParts");
    }

    @Test
    void aStrictParserRefusesWhatTheDefaultOneCuts() {
        ParseLimits strict = TestMails.SMALL.withMaxReportPartBytes(20).withStrict(true);

        assertThatThrownBy(() -> TestMails.parse(TestMails.crlf(DSN), strict))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("part 2: cut at 20 bytes (ParseLimits.maxReportPartBytes)");
    }

    @Test
    void findsAReportNestedInAMixedMessage() throws Exception {
        ParsedMail mail = parse("""
                From: postmaster@example.net
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: multipart/report; report-type=delivery-status; boundary=inner

                --inner
                Content-Type: message/delivery-status

                Status: 4.4.7
                --inner--
                --outer--
                """);

        assertThat(mail.mimeType()).isEqualTo("multipart/mixed");
        assertThat(mail.reportType()).isEqualTo("delivery-status");
        assertThat(mail.deliveryStatus()).containsExactly("Status: 4.4.7");
    }
}
