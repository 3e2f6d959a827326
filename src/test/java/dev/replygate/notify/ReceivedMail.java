package dev.replygate.notify;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A mail as GreenMail received it, taken apart as a customer's mail program would. */
final class ReceivedMail {

    final MimeMessage message;

    ReceivedMail(MimeMessage message) {
        this.message = message;
    }

    /** Every value of the header {@code name} as it came over the wire (still encoded); empty when absent. */
    List<String> rawHeaders(String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null ? List.of() : Arrays.asList(values);
    }

    String rawHeader(String name) throws MessagingException {
        List<String> values = rawHeaders(name);
        assertThat(values).as("header %s", name).hasSize(1);
        return values.get(0);
    }

    /** The header block as sent, unfolded (a folded line joined to the line before it). */
    List<String> headerLines() throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        String source = bytes.toString(StandardCharsets.US_ASCII);
        String headerBlock = source.substring(0, source.indexOf("\r\n\r\n"));
        return Arrays.asList(headerBlock.replaceAll("\r\n[ \t]", " ").split("\r\n"));
    }

    String text() throws MessagingException, IOException {
        return part("text/plain");
    }

    String html() throws MessagingException, IOException {
        return part("text/html");
    }

    private String part(String type) throws MessagingException, IOException {
        assertThat(message.isMimeType("multipart/alternative")).as("multipart/alternative: %s",
                message.getContentType()).isTrue();
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternative.getCount(); i++) {
            BodyPart part = alternative.getBodyPart(i);
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + type + " part in " + message.getContentType());
    }
}
