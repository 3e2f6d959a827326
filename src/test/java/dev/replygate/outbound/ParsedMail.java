package dev.replygate.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** A composed message read back, as a mail program would. */
final class ParsedMail {

    private ParsedMail() {
    }

    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new AssertionError("composed message does not parse", e);
        }
    }

    static boolean isSevenBit(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The header section's fields, unfolded, one string per field ("Name: value"). */
    static List<String> unfoldedHeaders(byte[] raw) {
        String text = new String(raw, StandardCharsets.US_ASCII);
        String headerSection = text.substring(0, text.indexOf("\r\n\r\n"));
        List<String> fields = new ArrayList<>();
        for (String line : headerSection.split("\r\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    static List<String> fieldsNamed(byte[] raw, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return unfoldedHeaders(raw).stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
    }
}
