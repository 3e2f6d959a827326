package dev.replygate.notify;

import java.util.Objects;

/**
 * One rendered mail.
 *
 * @param subject     a single line, no HTML escaping; the caller encodes it as a header
 * @param html        the complete HTML document
 * @param text        the plain-text alternative
 * @param locale      the locale whose templates were used (after fallback), e.g. {@code fa}
 * @param rightToLeft true when the locale is written right to left
 */
public record RenderedTemplate(String subject, String html, String text, String locale, boolean rightToLeft) {

    public RenderedTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(locale, "locale");
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("subject must be a single line");
        }
    }
}
