package dev.replygate.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames the charset of each RFC 2047 encoded word of a header field to the Java name of the
 * charset {@link CharsetLabels} reads it with, before mime4j sees the field. mime4j looks a word's
 * charset up with {@link Charset#forName}, which for a name Java does not know searches every
 * charset provider (about a millisecond a word, so a header of unknown names cost a minute); once
 * renamed, every name is one Java finds at once. A name no charset has becomes UTF-8. UTF-7,
 * which Java lacks, becomes US-ASCII, which our decoding maps back ({@link #STAND_INS}); US-ASCII
 * itself becomes windows-1252, its superset, so that the two never mix.
 */
final class EncodedWordLabels {

    /** The charset a renamed word is really in, by the charset its new name gives. */
    static final Map<Charset, Charset> STAND_INS = Map.of(StandardCharsets.US_ASCII, Utf7Charset.INSTANCE);

    /** The start of an encoded word: its charset label, optional RFC 2231 language, and encoding. */
    private static final Pattern WORD_START = Pattern.compile("=\\?([^?*\\s]+)(\\*[^?\\s]*)?\\?([bBqQ])\\?");

    private EncodedWordLabels() {
    }

    /**
     * {@code field} with every encoded word renamed; {@code unknown} is told each label that names
     * no charset. Works on any text whose encoded words are ASCII, such as a raw field read as
     * ISO-8859-1 (one char a byte).
     */
    static String renamed(String field, Consumer<String> unknown) {
        if (!field.contains("=?")) {
            return field;
        }
        Matcher words = WORD_START.matcher(field);
        StringBuilder out = new StringBuilder(field.length());
        int copied = 0;
        while (words.find()) {
            out.append(field, copied, words.start()).append("=?").append(javaName(words.group(1), unknown))
                    .append('?').append(words.group(3)).append('?');
            copied = words.end();
        }
        return copied == 0 ? field : out.append(field, copied, field.length()).toString();
    }

    /** How many encoded words {@code text} holds. */
    static int count(String text) {
        if (!text.contains("=?")) {
            return 0;
        }
        Matcher words = WORD_START.matcher(text);
        int count = 0;
        while (words.find()) {
            count++;
        }
        return count;
    }

    private static String javaName(String label, Consumer<String> unknown) {
        Optional<Charset> charset = CharsetLabels.lookup(label);
        if (charset.isEmpty()) {
            unknown.accept(label);
            return StandardCharsets.UTF_8.name();
        }
        if (charset.get().equals(Utf7Charset.INSTANCE)) {
            return StandardCharsets.US_ASCII.name();
        }
        if (charset.get().equals(StandardCharsets.US_ASCII)) {
            return CharsetLabels.WINDOWS_1252.name();
        }
        return charset.get().name();
    }
}
