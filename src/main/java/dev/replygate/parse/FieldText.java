package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of header fields: unfolded, raw 8-bit bytes and RFC 2047 encoded words decoded, cleaned as
 * {@link HeaderText#received} says.
 */
final class FieldText {

    private final ParseLimits limits;
    private final Problems problems;
    private int wordsDecoded;

    FieldText(ParseLimits limits, Problems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    /**
     * The field's value unfolded, as written: 8-bit bytes read as UTF-8 (RFC 6532), or as
     * windows-1252 when they are not valid UTF-8 (legacy mail programs write raw code pages).
     */
    String unfolded(Field field) {
        String body = field.getBody();
        ByteSequence raw = field.getRaw();
        if (raw != null && !CharsetUtil.isASCII(raw)) {
            byte[] bytes = raw.toByteArray();
            int colon = indexOf(bytes, (byte) ':');
            if (colon >= 0 && !isUtf8(bytes, colon + 1)) {
                problems.add(field.getName() + ": 8-bit bytes that are not UTF-8, read as windows-1252");
                body = MimeUtil.unfold(new String(bytes, colon + 1, bytes.length - colon - 1, CharsetLabels.WINDOWS_1252));
            }
        }
        return body == null ? "" : HeaderText.received(body).strip();
    }

    /**
     * {@code value} with its RFC 2047 encoded words decoded; their charsets are named as Java
     * names them ({@link EncodedWordLabels}, done when the field was read). Kept as written, with a
     * problem, when it has more words than {@link ParseLimits#maxEncodedWordsPerField()} or the
     * header has had {@link ParseLimits#maxEncodedWordsPerMessage()} decoded.
     */
    String decoded(String fieldName, String value) throws InputRejected {
        int words = EncodedWordLabels.count(value);
        if (words == 0) {
            return value;
        }
        if (words > limits.maxEncodedWordsPerField()) {
            problems.limitReached(fieldName + ": more than " + limits.maxEncodedWordsPerField()
                    + " encoded words, kept undecoded (ParseLimits.maxEncodedWordsPerField)");
            return value;
        }
        if (wordsDecoded + words > limits.maxEncodedWordsPerMessage()) {
            problems.limitReached("more than " + limits.maxEncodedWordsPerMessage()
                    + " encoded words in the header, the rest kept undecoded (ParseLimits.maxEncodedWordsPerMessage)");
            return value;
        }
        wordsDecoded += words;
        try {
            return HeaderText.received(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT, StandardCharsets.UTF_8,
                    EncodedWordLabels.STAND_INS));
        } catch (RuntimeException e) {
            problems.add(fieldName + ": encoded words not decodable (" + e.getMessage() + ")");
            return value;
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUtf8(byte[] bytes, int offset) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
