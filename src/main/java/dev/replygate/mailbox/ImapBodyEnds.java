package dev.replygate.mailbox;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;

import java.io.IOException;
import java.io.InputStream;

/**
 * Tells the end of an IMAP message's body from a body the server refused or cut. Angus Mail's streamed read
 * ({@code IMAPInputStream}) takes a {@code NO} to a body FETCH, or a FETCH response without the body, for the
 * body's end after a NOOP found the message not expunged: the stream is empty, or ends early. A literal
 * shorter than asked for reads as the end too, streamed or prefetched. So where a body ends short of the
 * RFC822.SIZE the server announced, or a streamed read ends on a whole fetch block or at 0 bytes (where Angus's
 * last fetch got nothing), one more command asks for the byte after the end: none confirms the end (the size was an
 * estimate); one means the body was cut; {@code NO}, or no body at all, that the server refused it. A body
 * longer than announced is never questioned. A message expunged meanwhile fails as Angus fails it.
 */
final class ImapBodyEnds {

    private final IMAPFolder folder;

    ImapBodyEnds(IMAPFolder folder) {
        this.folder = folder;
    }

    /**
     * {@code bytes}, the body of {@code message} (UID {@code uid}, RFC822.SIZE {@code size}, -1 when unknown),
     * checked at its end; {@code streamed}: read by Angus's partial fetches rather than prefetched whole.
     */
    InputStream checked(IMAPMessage message, long uid, long size, InputStream bytes, boolean streamed) {
        return new WholeBody(bytes, read -> {
            boolean shortOfSize = read < size;
            // 0 included: an empty stream of a message whose size the server did not say
            boolean onBlock = streamed && read % MailSessions.IMAP_FETCH_BLOCK == 0;
            if (shortOfSize || onBlock) {
                confirmEnd(message, uid, size, read);
            }
        });
    }

    private void confirmEnd(IMAPMessage message, long uid, long size, long read) throws IOException {
        String place = "UID " + uid + " in " + folder.getFullName();
        String refusal;
        try {
            refusal = (String) folder.doCommand(protocol -> {
                Argument args = new Argument();
                args.writeAtom(Long.toString(uid));
                args.writeAtom("(UID BODY.PEEK[]<" + read + ".1>)");
                Response[] responses = protocol.command("UID FETCH", args);
                Response result = responses[responses.length - 1];
                BODY body = bodyOf(responses, uid);
                protocol.notifyResponseHandlers(responses);
                if (!result.isNO() && !result.isBAD()) {
                    protocol.handleResult(result); // BYE or a broken connection: an outage
                }
                if (result.isOK() && body != null) {
                    return goesOn(body, read) ? "ended it at byte " + read + " of " + size + " and has more" : null;
                }
                protocol.noop(); // as Angus does: an EXPUNGE by another client comes with the next command
                if (message.isExpunged() || UidCommands.saysGone(result.getRest())) {
                    return "";
                }
                return result.isOK() ? "sent no body for it" : "answered " + BodyRefused.serverText(
                        (result.isNO() ? "NO " : "BAD ") + result.getRest());
            });
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
        if (refusal == null) {
            return;
        }
        if (refusal.isEmpty()) {
            throw new IOException(place + " was expunged by another client while it was read");
        }
        throw new BodyRefused("the server refused the body of " + place + ": it " + refusal);
    }

    /** The whole-message BODY item of {@code uid}'s FETCH response, null when there is none. */
    private static BODY bodyOf(Response[] responses, long uid) {
        for (Response response : responses) {
            if (response instanceof FetchResponse fetch) {
                UID item = fetch.getItem(UID.class);
                BODY body = fetch.getItem(BODY.class);
                if (item != null && item.uid == uid && body != null && body.getSection() != null
                        && body.getSection().isEmpty()) {
                    return body;
                }
            }
        }
        return null;
    }

    /** Whether {@code body}, asked for from byte {@code read}, holds a byte there. */
    private static boolean goesOn(BODY body, long read) {
        ByteArray bytes = body.getByteArray();
        int count = bytes == null ? 0 : bytes.getCount();
        // a server that ignores the partial range sends the whole body, without an origin
        return body.getOrigin() < 0 ? count > read : count > 0;
    }
}
