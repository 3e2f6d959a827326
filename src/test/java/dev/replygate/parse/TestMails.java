package dev.replygate.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Hand-made messages for the parser tests: text with LF line ends becomes a CRLF message. */
final class TestMails {

    private TestMails() {
    }

    /** The default limits with small text and HTML limits, the base of the tests that change one knob. */
    static final ParseLimits SMALL = ParseLimits.DEFAULT.withMaxTextChars(1000).withMaxHtmlBytes(1024);

    static ParsedMail parse(String message) throws IOException, UnparseableMailException {
        return parse(crlf(message));
    }

    static ParsedMail parse(byte[] message) throws IOException, UnparseableMailException {
        return new MailParser().parse(new ByteArrayInputStream(message));
    }

    static ParsedMail parse(byte[] message, ParseLimits limits) throws IOException, UnparseableMailException {
        return new MailParser(limits).parse(new ByteArrayInputStream(message));
    }

    /** {@code text} with CRLF line ends, in UTF-8. */
    static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The header (and anything else) in {@code head}, then {@code body} as raw bytes. */
    static byte[] join(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(crlf(head));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] bytes(String text, String charset) {
        return text.replace("\n", "\r\n").getBytes(Charset.forName(charset));
    }

    /** An RFC 2047 B encoded word of {@code text} in {@code charset}. */
    static String encodedWord(String text, String charset) {
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(Charset.forName(charset))) + "?=";
    }

    /** {@code text} in {@code charset}, base64 in lines of 76 characters. */
    static String base64(String text, String charset) {
        return Base64.getMimeEncoder().encodeToString(text.getBytes(Charset.forName(charset)));
    }

    /** A message with one text/plain body in {@code charset}, written as base64. */
    static ParsedMail plainText(String charsetLabel, String text, String javaCharset)
            throws IOException, UnparseableMailException {
        return parse("""
                From: a@example.com
                Subject: test
                Content-Type: text/plain; charset=%s
                Content-Transfer-Encoding: base64

                %s
                """.formatted(charsetLabel, base64(text, javaCharset)));
    }
}
