package dev.replygate.outbound;

import dev.replygate.address.MailAddress;

import java.util.List;
import java.util.Objects;

/**
 * What a mail replygate sends consists of, before it becomes RFC 5322 bytes.
 *
 * @param messageId       its Message-ID, without angle brackets
 * @param from            the From
 * @param replyTo         the Reply-To; null for none
 * @param to              the one recipient
 * @param subject         the subject, any text (line breaks become spaces)
 * @param text            the text/plain body
 * @param html            the text/html body; null for a text/plain only mail
 * @param contentLanguage the language of the body, a language tag such as {@code fa} or {@code en-GB}
 * @param inReplyTo       the Message-ID this mail answers, without angle brackets; null for none
 * @param references      the thread's Message-IDs, oldest first, without angle brackets
 * @param autoSubmitted   what kind of automatic mail this is
 */
public record OutgoingMail(String messageId, MailAddress from, MailAddress replyTo, MailAddress to, String subject,
                           String text, String html, String contentLanguage, String inReplyTo,
                           List<String> references, AutoSubmitted autoSubmitted) {

    public OutgoingMail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(contentLanguage, "contentLanguage");
        Objects.requireNonNull(autoSubmitted, "autoSubmitted");
        subject = subject == null ? "" : subject;
        references = references == null ? List.of() : List.copyOf(references);
    }
}
