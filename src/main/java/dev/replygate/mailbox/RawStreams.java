package dev.replygate.mailbox;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.util.ReadableMime;

import java.io.IOException;
import java.io.InputStream;

/** Opens the raw bytes of a server-side message as a stream. */
final class RawStreams {

    private RawStreams() {
    }

    /**
     * The message's raw bytes, streamed: IMAP reads them with partial BODY.PEEK[] fetches, POP3
     * from the RETR file cache.
     */
    static InputStream open(ReadableMime message) throws IOException {
        try {
            return message.getMimeStream();
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
    }
}
