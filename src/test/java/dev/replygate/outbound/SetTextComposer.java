package dev.replygate.outbound;

import dev.replygate.address.MailAddress;
import dev.replygate.signing.LoopHeader;
import dev.replygate.text.HeaderText;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * The oracle of {@link MailComposerSameBytesTest}: {@link MailComposer} as it was before it handed Angus its text
 * parts as bytes (commit f672e01), each body part given as a String by {@code setText}. Valid input only.
 */
final class SetTextComposer {

    private final Session session = Session.getInstance(new Properties());
    private final LoopHeader loopHeader;
    private final Clock clock;

    SetTextComposer(LoopHeader loopHeader, Clock clock) {
        this.loopHeader = loopHeader;
        this.clock = clock;
    }

    byte[] compose(OutgoingMail mail) throws Exception {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", "<" + mail.messageId() + ">");
            }
        };
        message.setSentDate(Date.from(clock.instant()));
        message.setFrom(address(mail.from()));
        message.setRecipient(MimeMessage.RecipientType.TO, address(mail.to()));
        if (mail.replyTo() != null) {
            message.setReplyTo(new Address[] {address(mail.replyTo())});
        }
        message.setSubject(HeaderText.forHeader(mail.subject()), "UTF-8");
        MessageIds.normalize(mail.inReplyTo()).ifPresent(id -> {
            try {
                message.setHeader("In-Reply-To", "<" + id + ">");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> references = new ArrayList<>();
        for (String reference : mail.references()) {
            MessageIds.normalize(reference).map(id -> "<" + id + ">").ifPresent(references::add);
        }
        if (!references.isEmpty()) {
            message.setHeader("References", MimeUtility.fold("References: ".length(), String.join(" ", references)));
        }
        message.setContentLanguage(new String[] {mail.contentLanguage()});
        message.setHeader("Auto-Submitted", mail.autoSubmitted().headerValue());
        message.setHeader("X-Auto-Response-Suppress", "All");
        if (mail.autoSubmitted() == AutoSubmitted.AUTO_REPLIED) {
            message.setHeader("Precedence", "bulk");
        }
        message.setHeader(loopHeader.name(), MimeUtility.encodeText(loopHeader.value(), "UTF-8", null));
        if (mail.html() == null) {
            message.setText(mail.text(), "UTF-8", "plain");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
        }
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toByteArray();
    }

    private static InternetAddress address(MailAddress address) throws Exception {
        InternetAddress parsed = new InternetAddress(MailAddress.plain(address.address()).address(), true);
        String displayName = HeaderText.forHeader(address.displayName());
        if (!displayName.isEmpty()) {
            parsed.setPersonal(displayName, "UTF-8");
        }
        return parsed;
    }
}
