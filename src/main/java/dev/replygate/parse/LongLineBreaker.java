package dev.replygate.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Breaks every line longer than {@link #MAX_LINE} bytes with a line feed. mime4j reads a header
 * line of a body part whole before it checks the header length limit, so without this a part
 * whose "header" is one endless line would be held in memory in full. Real mail has no such
 * line: base64 ignores the break, and an attachment's counted size grows by one byte per MiB.
 */
final class LongLineBreaker extends FilterInputStream {

    static final int MAX_LINE = 1 << 20;

    private int lineLength;

    LongLineBreaker(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        if (lineLength >= MAX_LINE) {
            lineLength = 0;
            return '\n';
        }
        int b = in.read();
        lineLength = b == '\n' ? 0 : lineLength + 1;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (lineLength >= MAX_LINE) {
            lineLength = 0;
            buffer[offset] = '\n';
            return 1;
        }
        int n = in.read(buffer, offset, Math.min(length, MAX_LINE - lineLength));
        if (n <= 0) {
            return n;
        }
        int i = offset + n - 1;
        while (i >= offset && buffer[i] != '\n') {
            i--;
        }
        lineLength = i < offset ? lineLength + n : offset + n - 1 - i;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return SkipByReading.skip(this, n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
