package dev.replygate.outbound;

import dev.replygate.signing.LoopHeader;
import dev.replygate.text.HeaderText;

import dev.replygate.address.MailAddress;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Turns an {@link OutgoingMail} into the bytes of an RFC 5322 message, with Angus Mail doing all of
 * MIME: header encoding (RFC 2047, UTF-8), folding and the transfer encoding of the body.
 *
 * <p>Every caller-supplied header text (subject, display names) is cleaned of line breaks and
 * control characters first, so no value can start a header of its own, and text holding an encoded
 * word of its own is encoded as a whole ({@link EncodedWords}), so it is shown as written.
 */
public final class MailComposer {

    private static final String CHARSET = "UTF-8";
    private static final String SUBJECT = "Subject: ";
    /** Room for the header and the multipart's boundaries in the first buffer, in bytes. */
    private static final int HEADER_ROOM = 4096;
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
            subject(message, HeaderText.forHeader(mail.subject()));
            threading(message, mail);
            message.setContentLanguage(new String[] {mail.contentLanguage()});
            message.setHeader("Auto-Submitted", mail.autoSubmitted().headerValue());
            message.setHeader("X-Auto-Response-Suppress", "All");
            if (mail.autoSubmitted() == AutoSubmitted.AUTO_REPLIED) {
                message.setHeader("Precedence", "bulk");
            }
            message.setHeader(loopHeader.name(), MimeUtility.encodeText(loopHeader.value(), CHARSET, null));
            int bodyBytes = body(message, mail);
            message.saveChanges();
            ByteArrayOutputStream bytes = new UnlockedBytes(HEADER_ROOM + 3 * bodyBytes);
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

    private static void subject(MimeMessage message, String subject) throws MessagingException {
        if (EncodedWords.needed(subject)) {
            String words = EncodedWords.of(subject, SUBJECT.length());
            message.setHeader("Subject", MimeUtility.fold(SUBJECT.length(), words));
        } else {
            message.setSubject(subject, CHARSET);
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

    /** Sets the body; returns its size in bytes before the transfer encoding. */
    private static int body(MimeMessage message, OutgoingMail mail) throws MessagingException {
        byte[] plain = mail.text().getBytes(StandardCharsets.UTF_8);
        if (mail.html() == null) {
            message.setDataHandler(text(plain, "plain"));
            return plain.length;
        }
        byte[] markup = mail.html().getBytes(StandardCharsets.UTF_8);
        MimeBodyPart text = new MimeBodyPart();
        text.setDataHandler(text(plain, "plain"));
        MimeBodyPart html = new MimeBodyPart();
        html.setDataHandler(text(markup, "html"));
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return plain.length + markup.length;
    }

    /**
     * A text part as {@code setText(text, "UTF-8", subtype)} makes it (the same Content-Type, and Angus picks
     * the same transfer encoding from the same bytes), but given as bytes: Angus then checks and copies them
     * in blocks, where a String goes byte by byte through a writer, once to pick the encoding and once to
     * write it.
     */
    private static DataHandler text(byte[] utf8, String subtype) {
        return new DataHandler(new ByteArrayDataSource(utf8, "text/" + subtype + "; charset=" + CHARSET));
    }

    private static InternetAddress internetAddress(MailAddress address) throws AddressException {
        InternetAddress parsed = new InternetAddress(MailAddress.plain(address.address()).address(), true);
        String displayName = HeaderText.forHeader(address.displayName());
        if (EncodedWords.needed(displayName)) {
            // the words are atoms (no specials, no quotes), so they are the phrase as they stand
            return new InternetAddress(EncodedWords.of(displayName, 0) + " <" + parsed.getAddress() + ">", true);
        }
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

    /**
     * Angus's quoted-printable encoder writes byte by byte: here without the lock that {@link
     * ByteArrayOutputStream#write(int)} takes for each byte (the stream is one composing thread's own).
     */
    private static final class UnlockedBytes extends ByteArrayOutputStream {

        UnlockedBytes(int size) {
            super(size);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, 2 * buf.length);
            }
            buf[count++] = (byte) b;
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
