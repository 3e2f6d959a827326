package dev.replygate.parse;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.util.MimeUtil;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A part's Content-Transfer-Encoding undone, only for the parts whose content is read: mime4j
 * hands bodies over raw, and a part that is only counted (a PDF, an image) is never base64-decoded,
 * its decoded size is counted from its base64 letters instead.
 */
final class TransferDecoding {

    private static final String BAD_BASE64 = "Unexpected base64 byte";
    /** What each byte is in base64 content: a letter, a blank between lines, the padding, or none of these. */
    private static final byte BLANK = 0;
    private static final byte LETTER = 1;
    private static final byte PADDING = 2;
    private static final byte NOT_BASE64 = 4;
    private static final byte[] KIND = new byte[256];

    static {
        Arrays.fill(KIND, NOT_BASE64);
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < letters.length(); i++) {
            KIND[letters.charAt(i)] = LETTER;
        }
        KIND['\r'] = BLANK;
        KIND['\n'] = BLANK;
        KIND[' '] = BLANK;
        KIND['='] = PADDING;
    }

    private final DecodeMonitor monitor;

    TransferDecoding(DecodeMonitor monitor) {
        this.monitor = monitor;
    }

    /** The content as its header says it was before it was encoded for transfer. */
    InputStream decoded(String transferEncoding, InputStream raw) {
        if (MimeUtil.isBase64Encoding(transferEncoding)) {
            return new Base64InputStream(raw, monitor);
        }
        if (MimeUtil.isQuotedPrintableEncoded(transferEncoding)) {
            return new QuotedPrintableInputStream(raw, monitor);
        }
        return raw;
    }

    /**
     * Reads the content to its end and returns its decoded size. Base64 is counted, not decoded:
     * three bytes for four letters up to the first padding, with the warnings mime4j's decoder
     * gives (a bad byte, a padding or an end in the middle of a quantum); other encodings are
     * decoded and counted.
     */
    long skipCounting(String transferEncoding, InputStream raw) throws IOException {
        if (!MimeUtil.isBase64Encoding(transferEncoding)) {
            return BoundedRead.skipAll(decoded(transferEncoding, raw));
        }
        byte[] buffer = new byte[8192];
        Base64Letters counted = new Base64Letters();
        for (int n; !counted.padded && (n = raw.read(buffer)) >= 0; ) {
            counted.add(buffer, n);
        }
        long letters = counted.letters;
        boolean padded = counted.padded;
        BoundedRead.skipAll(raw);
        long sextets = letters % 4;
        long size = letters / 4 * 3;
        if (padded && sextets >= 2) {
            return size + sextets - 1;
        }
        if (padded || sextets != 0) {
            monitor.warn(padded ? "Unexpected padding character" : "Unexpected end of BASE64 stream",
                    "dropping " + sextets + " sextet(s)");
        }
        return size;
    }

    /** The base64 letters of a content up to its first padding, counted a block at a time. */
    private final class Base64Letters {

        private long letters;
        private boolean padded;

        void add(byte[] block, int length) {
            // Letters and line breaks only, in nearly every block: summed without a branch per byte, eight bytes a
            // turn (the service's client compiler does not unroll loops; this takes half the time of one a turn).
            // The sum is the letters' count whenever no byte is a padding or not base64.
            byte[] kinds = KIND;
            int seen = 0;
            int found = 0;
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                int k0 = kinds[block[i] & 0xff];
                int k1 = kinds[block[i + 1] & 0xff];
                int k2 = kinds[block[i + 2] & 0xff];
                int k3 = kinds[block[i + 3] & 0xff];
                int k4 = kinds[block[i + 4] & 0xff];
                int k5 = kinds[block[i + 5] & 0xff];
                int k6 = kinds[block[i + 6] & 0xff];
                int k7 = kinds[block[i + 7] & 0xff];
                seen |= k0 | k1 | k2 | k3 | k4 | k5 | k6 | k7;
                found += k0 + k1 + k2 + k3 + k4 + k5 + k6 + k7;
            }
            for (; i < length; i++) {
                int kind = kinds[block[i] & 0xff];
                seen |= kind;
                found += kind;
            }
            if (seen <= LETTER) {
                letters += found;
            } else {
                addOneByOne(block, length);
            }
        }

        /** As mime4j's decoder reads them: letters up to the first padding, a warning for each byte not base64. */
        private void addOneByOne(byte[] block, int length) {
            for (int i = 0; i < length && !padded; i++) {
                byte b = block[i];
                switch (KIND[b & 0xff]) {
                    case LETTER -> letters++;
                    case PADDING -> padded = true;
                    case NOT_BASE64 -> monitor.warn(BAD_BASE64 + ": " + b, "ignoring.");
                    default -> {
                        // a line break or a space between letters
                    }
                }
            }
        }
    }
}
