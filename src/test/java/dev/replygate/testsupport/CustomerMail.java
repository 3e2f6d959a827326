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
}
