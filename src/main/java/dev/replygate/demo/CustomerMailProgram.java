package dev.replygate.demo;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends mail as a customer's mail program would: a reply with quoting and threading, or an out-of-office. */
final class CustomerMailProgram {

    private final Session session;
    private final String address;
    private final String name;

    CustomerMailProgram(String smtpHost, int smtpPort, String address, String name) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", smtpHost);
        properties.setProperty("mail.smtp.port", Integer.toString(smtpPort));
        properties.setProperty("mail.smtp.connectiontimeout", "10000");
        properties.setProperty("mail.smtp.timeout", "10000");
        this.session = Session.getInstance(properties);
        this.address = address;
        this.name = name;
    }

    /** Hits "Reply": {@code Re:} subject, the notification quoted, In-Reply-To and References set. */
    void reply(CustomerMailbox.ReceivedMail notification, String replyTo, String text)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage reply = start(replyTo, "Re: " + notification.subject(), notification.messageId());
        String quoted = text + "\n\n> " + notification.text().strip().replace("\n", "\n> ") + "\n";
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(quoted, StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<div dir=\"auto\">" + text + "</div><blockquote>…</blockquote>", StandardCharsets.UTF_8.name(),
                "html");
        reply.setContent(new MimeMultipart("alternative", plain, html));
        Transport.send(reply);
    }

    /** What a vacation responder sends: an RFC 3834 auto-reply to the notification. */
    void outOfOffice(CustomerMailbox.ReceivedMail notification, String replyTo)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage auto = start(replyTo, "Out of Office: " + notification.subject(), notification.messageId());
        auto.setHeader("Auto-Submitted", "auto-replied");
        auto.setHeader("X-Auto-Response-Suppress", "All");
        auto.setText("I am away until Monday and will read your message when I am back.",
                StandardCharsets.UTF_8.name());
        Transport.send(auto);
    }

    private MimeMessage start(String to, String subject, String inReplyTo)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(address, name, StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setHeader("In-Reply-To", inReplyTo);
        message.setHeader("References", inReplyTo);
        return message;
    }
}
