package dev.replygate.mailbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A message's bytes, whose end is checked before the reader sees it: a server can end a body it refused or
 * cut as if the message ended there, and the reader must get a {@link BodyRefused} then, not a shorter message.
 */
final class WholeBody extends FilterInputStream {

    /** Looks at where a body ended. */
    @FunctionalInterface
    interface EndCheck {
        /** Returns when the message really ends after {@code read} bytes; throws when the server refused or cut it. */
        void ended(long read) throws IOException;
    }

    private final EndCheck check;
    private long read;
    private boolean confirmed;
    private IOException failure;

    WholeBody(InputStream in, EndCheck check) {
        super(in);
        this.check = check;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            atEnd();
        } else {
            read++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            atEnd();
        } else {
            read += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        read += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Checks the end once; a refused body fails every read that reaches its end, without asking again. */
    private void atEnd() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (!confirmed) {
            try {
                check.ended(read);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            confirmed = true;
        }
    }
}
