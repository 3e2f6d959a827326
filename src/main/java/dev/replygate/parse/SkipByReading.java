package dev.replygate.parse;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link InputStream#skip} done by reading through the stream's own {@code read}, so that a filter
 * that watches every byte (counting, breaking lines) also sees the skipped ones.
 */
final class SkipByReading {

    private static final int BUFFER = 8192;

    private SkipByReading() {
    }

    static long skip(InputStream stream, long n) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long skipped = 0;
        while (skipped < n) {
            int read = stream.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }
}
