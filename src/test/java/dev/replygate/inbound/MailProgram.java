package dev.replygate.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jsoup.Jsoup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes mail as a customer's mail program does: a reply to a received message ({@code Re:} subject,
 * threading headers, the original quoted below, text and HTML alternatives, in a chosen charset), and
 * an out-of-office notice as an RFC 3834 responder writes it.
 */
final class MailProgram {

    private MailProgram() {
    }

    /** The customer's reply to {@code original}: {@code text} above the quoted original, in {@code charset}. */
    static MimeMessage reply(MimeMessage original, String fromName, String from, String to, String text,
                             String charset) throws MessagingException, IOException {
        MimeMessage reply = new WithMessageId(from);
        reply.setFrom(new InternetAddress(from, fromName, "UTF-8"));
        reply.setRecipients(Message.RecipientType.TO, to);
        reply.setSubject(bestFit("Re: " + original.getSubject(), charset), charset);
        reply.setSentDate(new Date());
        reply.setHeader("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Thunderbird/128.5.0");
        reply.setHeader("In-Reply-To", original.getMessageID());
        String references = original.getHeader("References", " ");
        reply.setHeader("References", (references == null ? "" : references + " ") + original.getMessageID());

        String attribution = "On " + new SimpleDateFormat("EEE, d MMM yyyy HH:mm", Locale.ENGLISH)
                .format(original.getSentDate() == null ? new Date() : original.getSentDate()) + ", "
                + original.getFrom()[0] + " wrote:";
        String quotedText = ("> " + textOf(original).strip()).replace("\n", "\n> ");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(bestFit(text + "\n\n" + attribution + "\n" + quotedText + "\n", charset), charset, "plain");
        plain.setHeader("Content-Type", "text/plain; charset=" + charset + "; format=flowed");
        MimeBodyPart html = new MimeBodyPart();
        String originalHtml = htmlOf(original);
        String body = "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=" + charset
                + "\"></head><body><p>" + Jsoup.parse(text).text() + "</p><div class=\"moz-cite-prefix\">"
                + Jsoup.parse(attribution).text() + "</div><blockquote type=\"cite\" cite=\"mid:"
                + strip(original.getMessageID()) + "\">" + Jsoup.parse(originalHtml).body().html()
                + "</blockquote></body></html>";
        html.setText(bestFit(body, charset), charset, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        reply.setContent(alternative);
        reply.saveChanges();
        return reply;
    }

    /**
     * A new request from {@code from}, with the Authentication-Results header our receiving server
     * {@code authservId} writes when SPF passed for exactly that envelope sender; Message-ID
     * {@code messageId} (with brackets), or a fresh one when null.
     */
    static MimeMessage authenticatedRequest(String from, String to, String subject, String authservId,
                                            String messageId) throws MessagingException {
        MimeMessage request = new WithMessageId(from);
        request.setFrom(new InternetAddress(from));
        request.setRecipients(Message.RecipientType.TO, to);
        request.setSubject(subject, "UTF-8");
        request.setSentDate(new Date());
        if (messageId != null) {
            request.setHeader("Message-ID", messageId);
        }
        request.setHeader("Authentication-Results", authservId + "; spf=pass smtp.mailfrom=" + from);
        request.setText("Hello, please help.\n", "UTF-8");
        request.saveChanges();
        return request;
    }

    /** An out-of-office notice to {@code original}, as an RFC 3834 responder writes it. */
    static MimeMessage outOfOffice(MimeMessage original, String from, String to) throws MessagingException {
        MimeMessage notice = new WithMessageId(from);
        notice.setFrom(new InternetAddress(from));
        notice.setRecipients(Message.RecipientType.TO, to);
        notice.setSubject("Out of office: " + original.getSubject(), "UTF-8");
        notice.setSentDate(new Date());
        notice.setHeader("Auto-Submitted", "auto-replied");
        notice.setHeader("In-Reply-To", original.getMessageID());
        notice.setHeader("References", original.getMessageID());
        notice.setText("I am away until Monday and will read your message when I am back.\n", "UTF-8");
        notice.saveChanges();
        return notice;
    }

    /**
     * A plain message from {@code sender} as our receiving server {@code authservId} stores it when the
     * sender passed SPF, DKIM and DMARC: its Return-Path and Authentication-Results on top (no Received
     * line above them), From the same address. Raw bytes with CRLF line ends, for an IMAP APPEND.
     */
    static byte[] authenticated(String authservId, String sender, String to, String subject) {
        String domain = sender.substring(sender.lastIndexOf('@') + 1);
        String raw = "Return-Path: <" + sender + ">\r\n"
                + "Authentication-Results: " + authservId + "; spf=pass smtp.mailfrom=" + sender
                + "; dkim=pass header.d=" + domain + "; dmarc=pass header.from=" + domain + "\r\n"
                + "From: <" + sender + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + new SimpleDateFormat("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).format(new Date())
                + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + domain + ">\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "Hello, please have a look.\r\n";
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a Windows mail program writes for Persian text in windows-1256, which lacks the Persian yeh,
     * the Persian digits and the Unicode bidi isolates: the Arabic yeh, ASCII digits, and nothing for the
     * isolates. Other charsets take the text as it is.
     */
    static String bestFit(String text, String charset) {
        if (!charset.equalsIgnoreCase("windows-1256")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\u06CC') {
                out.append('\u064A');
            } else if (c >= '\u2066' && c <= '\u2069') {
                continue;
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                out.append((char) ('0' + (c - '\u06F0')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The first text/plain part of {@code part}, decoded; empty when there is none. */
    static String textOf(Part part) throws MessagingException, IOException {
        return firstOf(part, "text/plain");
    }

    static String htmlOf(Part part) throws MessagingException, IOException {
        return firstOf(part, "text/html");
    }

    private static String firstOf(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = firstOf(child, type);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static String strip(String messageId) {
        return messageId.replaceAll("^<|>$", "");
    }

    /** A message whose Message-ID is made at the sender's domain, as mail programs do. */
    private static final class WithMessageId extends MimeMessage {
        private final String domain;

        WithMessageId(String from) {
            super(Session.getInstance(new Properties()));
            this.domain = from.substring(from.indexOf('@') + 1);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            if (getHeader("Message-ID") == null) {
                setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
            }
        }
    }
}
