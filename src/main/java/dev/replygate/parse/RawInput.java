package dev.replygate.parse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The message as it arrives: counts its bytes and remembers whether the source itself failed,
 * so that a broken connection is told apart from a broken message. Closing it leaves the source
 * open: mime4j closes the stream of a message's only body, but the source is the caller's.
 */
final class RawInput extends FilterInputStream {

    private long count;
    private IOException failure;

    RawInput(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = in.read(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return SkipByReading.skip(this, n);
    }

    @Override
    public void close() {
        // the caller owns the source
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left, so that {@link #count()} is the size of the whole message. */
    void drain() throws IOException {
        skip(Long.MAX_VALUE);
    }

    long count() {
        return count;
    }

    /** The source's own I/O failure, if it had one. */
    IOException failure() {
        return failure;
    }
}
