package dev.replygate.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads at most so many bytes of a stream and reads past the rest, counting it. */
final class BoundedRead {

    private static final int FIRST_BUFFER = 8192;

    private BoundedRead() {
    }

    /**
     * The first {@code length} bytes of a stream of {@code total} bytes, in {@code bytes} (which
     * may be longer); {@code complete} when they are all that was wanted (the whole stream, or
     * the whole header block).
     */
    record Result(byte[] bytes, int length, long total, boolean complete) {
    }

    static Result read(InputStream in, int max) throws IOException {
        return read(in, max, false);
    }

    /**
     * Like {@link #read(InputStream, int)}, but keeps only the header block at the start of the
     * stream: the bytes up to and including its first empty line. The result is complete when
     * that empty line was found, or the stream ended, within {@code max} bytes.
     */
    static Result readHeaderBlock(InputStream in, int max) throws IOException {
        return read(in, max, true);
    }

    private static Result read(InputStream in, int max, boolean headerBlock) throws IOException {
        byte[] buffer = new byte[Math.min(max, FIRST_BUFFER)];
        int length = 0;
        while (length < max) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(max, 2L * buffer.length));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return new Result(buffer, length, length, true);
            }
            int end = headerBlock ? headerEnd(buffer, Math.max(0, length - 2), length + n) : -1;
            length += n;
            if (end >= 0) {
                return new Result(buffer, end, length + skipAll(in), true);
            }
        }
        long total = length + skipAll(in);
        return new Result(buffer, length, total, total == length);
    }

    /** The end of the first empty line found from {@code from}, or -1. */
    private static int headerEnd(byte[] bytes, int from, int to) {
        if (from == 0 && to > 0 && bytes[0] == '\n') {
            return 1;
        }
        if (from == 0 && to > 1 && bytes[0] == '\r' && bytes[1] == '\n') {
            return 2;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i + 1 < to && bytes[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < to && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /** Reads the stream to its end; returns how many bytes that was. */
    static long skipAll(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }
}
