package dev.replygate.parse;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;
import org.apache.james.mime4j.util.MimeUtil;

import java.io.IOException;
import java.io.InputStream;

/**
 * A part's Content-Transfer-Encoding undone, only for the parts whose content is read: mime4j
 * hands bodies over raw, and a part that is only counted (a PDF, an image) is never base64-decoded,
 * its decoded size is counted from its base64 letters instead.
 */
final class TransferDecoding {

    private static final String BAD_BASE64 = "Unexpected base64 byte";
    private static final boolean[] BASE64_LETTER = new boolean[256];

    static {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < letters.length(); i++) {
            BASE64_LETTER[letters.charAt(i)] = true;
        }
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
        long letters = 0;
        boolean padded = false;
        for (int n; !padded && (n = raw.read(buffer)) >= 0; ) {
            for (int i = 0; i < n && !padded; i++) {
                int b = buffer[i] & 0xff;
                if (BASE64_LETTER[b]) {
                    letters++;
                } else if (b == '=') {
                    padded = true;
                } else if (b != '\r' && b != '\n' && b != ' ') {
                    monitor.warn(BAD_BASE64 + ": " + (byte) b, "ignoring.");
                }
            }
        }
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
}
