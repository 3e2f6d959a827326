package dev.replygate.outbound;

import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.codec.EncoderUtil.Encoding;
import org.apache.james.mime4j.codec.EncoderUtil.Usage;

import java.nio.charset.StandardCharsets;

/**
 * Header text that holds an RFC 2047 encoded word of its own ({@code =?UTF-8?B?…?=}), written so that a
 * mail program shows it as written. Angus encodes only text that is not ASCII and writes ASCII as it is,
 * so such a word in a subject or display name that came from the portal or from received mail would be
 * decoded by the customer's mail program: a name shown as {@code security@paypal.com}. This text is
 * encoded as a whole instead, in base64 words of UTF-8, by mime4j's encoder, which encodes ASCII too.
 */
final class EncodedWords {

    private EncodedWords() {
    }

    /** True when {@code text} could hold an encoded word, which it then must not show decoded. */
    static boolean needed(String text) {
        return text.contains("=?");
    }

    /**
     * {@code text} as encoded words, each at most 75 characters, separated by spaces (to fold at), the
     * first one fitting after {@code usedCharacters} of its line.
     */
    static String of(String text, int usedCharacters) {
        return EncoderUtil.encodeEncodedWord(text, Usage.TEXT_TOKEN, usedCharacters, StandardCharsets.UTF_8,
                Encoding.B);
    }
}
