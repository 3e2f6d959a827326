package dev.replygate.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Bytes of a text part to at most so many characters, in the charset its label names or a sensible guess. */
final class TextDecoding {

    private TextDecoding() {
    }

    /**
     * Decodes {@code bytes} labelled {@code label} (null when the part declared none). A missing,
     * unknown or US-ASCII label is read as UTF-8 when the bytes are valid UTF-8, else as
     * windows-1252; an unknown label is recorded as a problem of {@code where}.
     */
    static BoundedText decode(BoundedRead.Result bytes, String label, int maxChars, Problems problems, String where) {
        Charset charset = charsetFor(bytes, label, problems, where);
        return decode(bytes, charset, maxChars, problems, where);
    }

    private static Charset charsetFor(BoundedRead.Result bytes, String label, Problems problems, String where) {
        if (label == null || CharsetLabels.clean(label).isEmpty() || CharsetLabels.namesAscii(label)) {
            return guess(bytes);
        }
        Optional<Charset> known = CharsetLabels.lookup(label);
        if (known.isPresent()) {
            return known.get();
        }
        Charset guessed = guess(bytes);
        problems.add(where + ": unknown charset \"" + label + "\", read as " + guessed.name());
        return guessed;
    }

    /** UTF-8 when the bytes are valid UTF-8 (a sequence cut at the end of cut input counts as valid), else windows-1252. */
    static Charset guess(BoundedRead.Result bytes) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes.bytes(), 0, bytes.length());
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            CoderResult result = utf8.decode(in, out, bytes.complete());
            if (result.isError()) {
                return CharsetLabels.WINDOWS_1252;
            }
            if (result.isUnderflow()) {
                return StandardCharsets.UTF_8;
            }
            out.clear();
        }
    }

    static BoundedText decode(BoundedRead.Result bytes, Charset charset, int maxChars, Problems problems, String where) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes.bytes(), 0, bytes.length());
        int capacity = (int) Math.min(maxChars, (long) Math.ceil(bytes.length() * (double) decoder.maxCharsPerByte()) + 16);
        CharBuffer out = CharBuffer.allocate(capacity);
        int malformed = 0;
        boolean full = false;
        while (true) {
            CoderResult result = decoder.decode(in, out, bytes.complete());
            if (result.isOverflow()) {
                full = true;
                break;
            }
            if (result.isError()) {
                malformed++;
                in.position(in.position() + result.length());
                if (!out.hasRemaining()) {
                    full = true;
                    break;
                }
                out.put('\uFFFD');
                continue;
            }
            if (bytes.complete() && decoder.flush(out).isOverflow()) {
                full = true;
            }
            break;
        }
        if (malformed > 0) {
            problems.add(where + ": " + malformed + " byte sequences not valid in " + charset.name());
        }
        out.flip();
        return new BoundedText(out.toString(), full || !bytes.complete());
    }
}
