package dev.replygate.mailbox;

import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.eclipse.angus.mail.pop3.POP3Message;
import org.eclipse.angus.mail.pop3.POP3Store;
import org.eclipse.angus.mail.util.ReadableMime;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

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
     * an empty stream; without the cache, it throws. Either is a {@link BodyRefused}, or a {@link ServerRefusesBodies}
     * when {@code witnesses} find the server refusing other messages too: no message is 0 bytes long (its header
     * alone has some), whatever size LIST gave.
     */
    static InputStream retrieve(POP3Message message, String uidl, RefusalWitnesses<Integer> witnesses)
            throws IOException {
        int number = message.getMessageNumber();
        String refused = "the server refused the body of message " + number + " (UIDL "
                + BodyRefused.serverText(uidl) + "): ";
        InputStream bytes;
        try {
            bytes = message.getMimeStream();
        } catch (MessageRemovedException e) {
            throw witnesses.judged(number, new BodyRefused(refused + "it answered RETR with -ERR"));
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
        return new WholeBody(bytes, read -> {
            if (read == 0) {
                throw witnesses.judged(number,
                        new BodyRefused(refused + "RETR gave no bytes (an -ERR, or an empty answer)"));
            }
            witnesses.served(number);
        });
    }

    /**
     * What compares a refused POP3 body with the maildrop's other messages ({@code numbers}, in the order they
     * are read): their header, by {@code TOP <n> 0}; from a server that does not say it has TOP (an optional
     * command, and CAPA too), their RETR, which the file cache keeps for when the message's turn comes. Taking
     * every refusal for the message's own there would quarantine all good mail while such a server is in trouble.
     */
    static RefusalWitnesses<Integer> pop3Witnesses(POP3Folder folder, List<Integer> numbers)
            throws MessagingException {
        boolean top = ((POP3Store) folder.getStore()).capabilities().containsKey("TOP");
        return new RefusalWitnesses<>(numbers, "message ",
                asked -> top ? topServedAny(folder, asked) : retrServedAny(folder, asked));
    }

    /** Whether RETR gives some bytes of one of {@code numbers} at least: one command each, in turn, until one does. */
    private static boolean retrServedAny(POP3Folder folder, List<Integer> numbers) throws IOException {
        for (int number : numbers) {
            try (InputStream bytes = ((POP3Message) folder.getMessage(number)).getMimeStream()) {
                if (bytes.read() >= 0) {
                    return true;
                }
            } catch (MessageRemovedException e) {
                // -ERR: not served
            } catch (MessagingException e) {
                throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
            }
        }
        return false;
    }

    /** Whether {@code TOP <n> 0} gives the header of one of {@code numbers} at least: one command each, in turn. */
    private static boolean topServedAny(POP3Folder folder, List<Integer> numbers) throws IOException {
        for (int number : numbers) {
            try (InputStream header = ((POP3Message) folder.getMessage(number)).top(0)) {
                if (header != null && header.read() >= 0) {
                    return true;
                }
            } catch (MessagingException e) {
                throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
            }
        }
        return false;
    }
}
