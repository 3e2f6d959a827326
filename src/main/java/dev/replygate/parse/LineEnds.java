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

    /** {@code in}, converted to CRLF line ends when its start has CRs but no LF. */
    static InputStream normalised(InputStream in, Problems problems) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, SAMPLE);
        buffered.mark(SAMPLE);
        byte[] sample = buffered.readNBytes(SAMPLE);
        buffered.reset();
        boolean cr = false;
        for (byte b : sample) {
            if (b == '\n') {
                return buffered;
            }
            cr |= b == '\r';
        }
        if (!cr) {
            return buffered;
        }
        problems.add("bare CR line ends, read as CRLF");
        return new BufferedInputStream(new EOLConvertingInputStream(buffered, EOLConvertingInputStream.CONVERT_CR));
    }
}
