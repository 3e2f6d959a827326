package dev.replygate.soak;

import dev.replygate.cli.TestConfigFile;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * The mail of the soak: per ten messages six replies to a ticket notification and one new request,
 * each from its own customer with a passing SPF result of our MX (answered once each), two
 * out-of-office replies and one delivery status notification (never answered). A third of the
 * customers write Persian.
 */
final class SoakMail {

    static final String AUTHSERV_ID = "mx.hosting.test";
    static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final Session SESSION = Session.getInstance(new Properties());

    enum Kind {
        REPLY(true), NEW_REQUEST(true), OUT_OF_OFFICE(false), BOUNCE(false);

        private final boolean answered;

        Kind(boolean answered) {
            this.answered = answered;
        }

        boolean answered() {
            return answered;
        }
    }

    /** One message of the soak: its Message-ID with angle brackets, its envelope sender, its bytes. */
    record Message(int number, Kind kind, String messageId, String sender, MimeMessage mime) {
    }

    private SoakMail() {
    }

    static Message number(int n) {
        Kind kind = switch (n % 10) {
            case 6 -> Kind.NEW_REQUEST;
            case 7, 8 -> Kind.OUT_OF_OFFICE;
            case 9 -> Kind.BOUNCE;
            default -> Kind.REPLY;
        };
        String domain = "c" + (n % 10) + ".customer.test";
        String customer = "customer" + n + "@" + domain;
        String messageId = "<soak-" + n + "@" + domain + ">";
        try {
            MimeMessage mime = kind == Kind.BOUNCE ? bounce(n, messageId) : personOrAutoReply(n, kind, customer, messageId);
            return new Message(n, kind, messageId, kind == Kind.BOUNCE ? "" : customer, mime);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build soak message " + n, e);
        }
    }

    private static MimeMessage personOrAutoReply(int n, Kind kind, String customer, String messageId)
            throws MessagingException {
        boolean persian = n % 3 == 0;
        MimeMessage mime = new MimeMessage(SESSION);
        mime.setHeader("Return-Path", "<" + customer + ">");
        mime.setHeader("Authentication-Results", AUTHSERV_ID + "; spf=pass smtp.mailfrom=" + customer);
        mime.setFrom(new InternetAddress(customer));
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, SUPPORT);
        mime.setSentDate(new Date());
        String ticket = Integer.toString(400_000 + n);
        switch (kind) {
            case REPLY -> {
                mime.setSubject((persian ? "پاسخ: سرور من " : "Re: my server ") + "[Ticket #" + ticket + "]", "UTF-8");
                mime.setText(persian ? "سلام، سرور هنوز کار نمی‌کند. لطفا بررسی کنید.\n" : "Hello, it still fails.\n",
                        "UTF-8");
            }
            case NEW_REQUEST -> {
                mime.setSubject(persian ? "درخواست جدید " + n : "A new question " + n, "UTF-8");
                mime.setText(persian ? "سلام، یک سوال دارم.\n" : "Hello, I have a question.\n", "UTF-8");
            }
            default -> {
                mime.setHeader("Auto-Submitted", "auto-replied");
                mime.setSubject("Out of office: Re: [Ticket #" + ticket + "]", "UTF-8");
                mime.setText("I am away until Monday.\n", "UTF-8");
            }
        }
        mime.saveChanges();
        mime.setHeader("Message-ID", messageId);
        return mime;
    }

    /** An RFC 3464 delivery status notification (test data of fixed ASCII structure). */
    private static MimeMessage bounce(int n, String messageId) throws MessagingException {
        String text = String.join("\r\n",
                "Return-Path: <>",
                "From: Mail Delivery System <MAILER-DAEMON@mx.customer.test>",
                "To: " + SUPPORT,
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: " + messageId,
                "Auto-Submitted: auto-replied",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b" + n + "\"",
                "",
                "--b" + n,
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Your message could not be delivered.",
                "",
                "--b" + n,
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.customer.test",
                "",
                "Final-Recipient: rfc822; gone" + n + "@customer.test",
                "Action: failed",
                "Status: 5.1.1",
                "",
                "--b" + n + "--",
                "");
        return new MimeMessage(SESSION, new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }

}
