package dev.replygate.outbound;

import dev.replygate.signing.LoopHeader;
import dev.replygate.text.HeaderText;

import dev.replygate.address.MailAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Turns an {@link OutgoingMail} into the bytes of an RFC 5322 message, with Angus Mail doing all of
 * MIME: header encoding (RFC 2047, UTF-8), folding and the transfer encoding of the body.
 *
 * <p>Every caller-supplied header text (subject, display names) is cleaned of line breaks and
 * control characters first, so no value can start a header of its own.
 */
public final class MailComposer {

    private static final String CHARSET = "UTF-8";
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

    private final Session session = Session.getInstance(new Properties());
    private final LoopHeader loopHeader;
    private final Clock clock;

    /**
     * @param loopHeader the header that marks all of this instance's mail
     * @param clock      gives the {@code Date} header
     */
    public MailComposer(LoopHeader loopHeader, Clock clock) {
        this.loopHeader = loopHeader;
        this.clock = clock;
    }

    /**
     * The complete message. Throws {@link IllegalArgumentException} for a Message-ID, address or
     * language tag that cannot be used; an unusable In-Reply-To or References entry (these come from
     * received mail) is left out instead.
     */
    public byte[] compose(OutgoingMail mail) {
        String messageId = MessageIds.require(mail.messageId());
        if (!LANGUAGE_TAG.matcher(mail.contentLanguage()).matches()) {
            throw new IllegalArgumentException("not a language tag: " + HeaderText.forHeader(mail.contentLanguage()));
        }
        try {
            MimeMessage message = new MessageWithId(session, messageId);
            message.setSentDate(Date.from(clock.instant()));
            message.setFrom(internetAddress(mail.from()));
            message.setRecipient(MimeMessage.RecipientType.TO, internetAddress(mail.to()));
            if (mail.replyTo() != null) {
                message.setReplyTo(new Address[] {internetAddress(mail.replyTo())});
            }
            message.setSubject(HeaderText.forHeader(mail.subject()), CHARSET);
            threading(message, mail);
            message.setContentLanguage(new String[] {mail.contentLanguage()});
            message.setHeader("Auto-Submitted", mail.autoSubmitted().headerValue());
            message.setHeader("X-Auto-Response-Suppress", "All");
            if (mail.autoSubmitted() == AutoSubmitted.AUTO_REPLIED) {
                message.setHeader("Precedence", "bulk");
            }
            message.setHeader(loopHeader.name(), MimeUtility.encodeText(loopHeader.value(), CHARSET, null));
            body(message, mail);
            message.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (AddressException e) {
            throw new IllegalArgumentException("unusable address: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot compose message " + messageId + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void threading(MimeMessage message, OutgoingMail mail) throws MessagingException {
        MessageIds.normalize(mail.inReplyTo()).ifPresent(id -> setHeader(message, "In-Reply-To", "<" + id + ">"));
        List<String> references = new ArrayList<>();
        for (String reference : mail.references()) {
            MessageIds.normalize(reference).map(id -> "<" + id + ">").ifPresent(references::add);
        }
        if (!references.isEmpty()) {
            message.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
        }
    }

    private static void body(MimeMessage message, OutgoingMail mail) throws MessagingException {
        if (mail.html() == null) {
            message.setText(mail.text(), CHARSET, "plain");
            return;
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), CHARSET, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), CHARSET, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
    }

    private static InternetAddress internetAddress(MailAddress address) throws AddressException {
        InternetAddress parsed = new InternetAddress(MailAddress.plain(address.address()).address(), true);
        String displayName = HeaderText.forHeader(address.displayName());
        if (!displayName.isEmpty()) {
            try {
                parsed.setPersonal(displayName, CHARSET);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(CHARSET + " is always supported", e);
            }
        }
        return parsed;
    }

    private static void setHeader(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot set " + name, e);
        }
    }

    /** A message that keeps the Message-ID it was given instead of making one up when saved. */
    private static final class MessageWithId extends MimeMessage {

        private final String messageId;

        MessageWithId(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
