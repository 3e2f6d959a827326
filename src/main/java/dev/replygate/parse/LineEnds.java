package dev.replygate.parse;

import org.apache.james.mime4j.io.EOLConvertingInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Mail stored with bare CR line ends (old Mac mailboxes) is one endless line to mime4j, which
 * splits lines at LF only. Such a message is recognised by its start and read through mime4j's
 * line end converter; every other message is passed on as it is.
 */
final class LineEnds {

    private static final int SAMPLE = 8192;

    private LineEnds() {
    }

    /**
     * {@code in}, converted to CRLF line ends when its start has CRs but no LF. The start is read up to its
     * first LF (usually the end of the first header line), not a whole sample. It is read through a buffer of
     * this class's own, never the caller's mark: a stream that counts or hashes what it passes on would see
     * the start twice.
     */
    static InputStream normalised(InputStream in, Problems problems) throws IOException {
        BufferedInputStream marked = new BufferedInputStream(in, SAMPLE);
        marked.mark(SAMPLE);
        boolean cr = false;
        boolean lf = false;
        for (int i = 0; i < SAMPLE && !lf; i++) {
            int b = marked.read();
            if (b < 0) {
                break;
            }
            lf = b == '\n';
            cr |= b == '\r';
        }
        marked.reset();
        if (lf || !cr) {
            return marked;
        }
        problems.add("bare CR line ends, read as CRLF");
        return new BufferedInputStream(new EOLConvertingInputStream(marked, EOLConvertingInputStream.CONVERT_CR));
    }
}
