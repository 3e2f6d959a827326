package dev.replygate.testsupport;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Received mail the daemon's tests put in a mailbox, written as text with LF line ends. */
public final class CustomerMail {

    private CustomerMail() {
    }

    /** The message of {@code text} (headers, blank line, body), its line ends made CRLF. */
    public static MimeMessage of(String text) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a message: " + text, e);
        }
    }

    /** A customer's reply by hand to our notification {@code notificationMessageId} (without angle brackets). */
    public static MimeMessage replyTo(String notificationMessageId, String customer, String support) {
        return of("""
                Return-Path: <%s>
                From: Sara Ahmadi <%s>
                To: %s
                Subject: Re: Website is down
                Message-ID: <reply-1@example.net>
                In-Reply-To: <%s>
                Content-Type: text/plain

                It is still down.
                """.formatted(customer, customer, support, notificationMessageId));
    }

    /** A vacation responder's answer to {@code support}: automatic, never answered. */
    public static MimeMessage outOfOffice(String support) {
        return of("""
                Return-Path: <away@customer.test>
                From: <away@customer.test>
                To: %s
                Subject: Out of Office
                Message-ID: <ooo-1@customer.test>
                Auto-Submitted: auto-replied
                Content-Type: text/plain

                I am away.
                """.formatted(support));
    }

    /**
     * A standard DSN (RFC 3464) to {@code support}: our notification {@code notificationMessageId} (without
     * angle brackets) of {@code ticket} could not be delivered to {@code customer}, for good (5.1.1).
     */
    public static MimeMessage hardBounce(String notificationMessageId, String customer, String support, String ticket) {
        return of("""
                Return-Path: <>
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-1@mx.example.net>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1

                --b1
                Content-Type: text/rfc822-headers

                From: %s
                To: %s
                Message-ID: <%s>
                Subject: Ticket %s

                --b1--
                """.formatted(support, customer, support, customer, notificationMessageId, ticket));
    }
}
