package dev.replygate.mailbox;

import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.pop3.POP3Message;
import org.eclipse.angus.mail.util.ReadableMime;

import java.io.IOException;
import java.io.InputStream;

/** Opens the raw bytes of a server-side message as a stream. */
final class RawStreams {

    private RawStreams() {
    }

    /**
     * The message's raw bytes, streamed: IMAP reads them with partial BODY.PEEK[] fetches, POP3
     * from the RETR file cache. An IMAP body's end is not checked here: {@link ImapBodyEnds} does.
     */
    static InputStream open(ReadableMime message) throws IOException {
        try {
            return message.getMimeStream();
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
    }

    /**
     * A POP3 message's raw bytes, from RETR. Angus reads RETR's answer to its terminating line (a connection lost
     * before it is an outage), but with its file cache (always on here) it drops RETR's {@code -ERR} and gives
     * an empty stream; without the cache, it throws. Either is a {@link BodyRefused}: no message is 0 bytes
     * long (its header alone has some), whatever size LIST gave.
     */
    static InputStream retrieve(POP3Message message, String uidl) throws IOException {
        String refused = "the server refused the body of message " + message.getMessageNumber() + " (UIDL "
                + BodyRefused.serverText(uidl) + "): ";
        InputStream bytes;
        try {
            bytes = message.getMimeStream();
        } catch (MessageRemovedException e) {
            throw new BodyRefused(refused + "it answered RETR with -ERR");
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
        return new WholeBody(bytes, read -> {
            if (read == 0) {
                throw new BodyRefused(refused + "RETR gave no bytes (an -ERR, or an empty answer)");
            }
        });
    }
}
