package dev.replygate.mailbox;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Tells the end of an IMAP message's body from a body the server refused or cut. Angus Mail's streamed read
 * ({@code IMAPInputStream}) takes a {@code NO} to a body FETCH, or a FETCH response without the body, for the
 * body's end after a NOOP found the message not expunged: the stream is empty, or ends early. A literal
 * shorter than asked for reads as the end too, streamed or prefetched. So where a body ends short of the
 * RFC822.SIZE the server announced, or a streamed read ends on a whole fetch block other than the announced end, or at
 * 0 bytes (where Angus's last fetch got nothing), one more command asks for the byte after the end: none confirms the end (the size was an
 * estimate); one means the body was cut; {@code NO}, or no body at all, that the server refused it. A body
 * longer than announced is never questioned. A message expunged meanwhile fails as Angus fails it. A refusal
 * counts as the message's own only when the server still serves other messages' bodies ({@link RefusalWitnesses}).
 */
final class ImapBodyEnds {

    private final IMAPFolder folder;
    private final RefusalWitnesses<Long> witnesses;

    /** {@code runUids}: the UIDs of the run's messages in the order they are read, to compare a refusal with. */
    ImapBodyEnds(IMAPFolder folder, List<Long> runUids) {
        this.folder = folder;
        this.witnesses = new RefusalWitnesses<>(runUids, "UID ", this::servesAny);
    }

    /**
     * {@code bytes}, the body of {@code message} (UID {@code uid}, RFC822.SIZE {@code size}, -1 when unknown),
     * checked at its end; {@code streamed}: read by Angus's partial fetches rather than prefetched whole.
     */
    InputStream checked(IMAPMessage message, long uid, long size, InputStream bytes, boolean streamed) {
        return new WholeBody(bytes, read -> {
            boolean shortOfSize = read < size;
            // 0 included: an empty stream of a message whose size the server did not say; a block where the server's
            // size ends is the end (a look past it would meet servers that answer NO there, not "")
            boolean onBlock = streamed && read % MailSessions.IMAP_FETCH_BLOCK == 0 && (read != size || read == 0);
            if (shortOfSize || onBlock) {
                confirmEnd(message, uid, size, read);
            }
            witnesses.served(uid);
        });
    }

    private void confirmEnd(IMAPMessage message, long uid, long size, long read) throws IOException {
        String place = "UID " + uid + " in " + folder.getFullName();
        String refusal = (String) command(protocol -> {
            Piece piece = piece(protocol, uid, read);
            if (piece.result().isOK() && piece.body() != null) {
                return goesOn(piece.body(), read) ? "ended it at byte " + read + " of " + size + " and has more" : null;
            }
            protocol.noop(); // as Angus does: an EXPUNGE by another client comes with the next command
            if (message.isExpunged() || UidCommands.saysGone(piece.result().getRest())) {
                return "";
            }
            return piece.result().isOK() ? "sent no body for it" : "answered " + BodyRefused.serverText(
                    (piece.result().isNO() ? "NO " : "BAD ") + piece.result().getRest());
        });
        if (refusal == null) {
            return;
        }
        if (refusal.isEmpty()) {
            throw new IOException(place + " was expunged by another client while it was read");
        }
        throw witnesses.judged(uid, new BodyRefused("the server refused the body of " + place + ": it " + refusal));
    }

    /**
     * Whether the server serves the first byte of the body of one of {@code uids} at least, in one command: a server
     * that refuses some of them may answer NO and still send the others (as Gmail does).
     */
    boolean servesAny(List<Long> uids) throws IOException {
        long[] set = uids.stream().mapToLong(Long::longValue).sorted().toArray();
        return (Boolean) command(protocol -> {
            Response[] responses = fetchFrom(protocol, UIDSet.toString(UIDSet.createUIDSets(set)), 0);
            return uids.stream().map(uid -> bodyOf(responses, uid)).anyMatch(body -> body != null && goesOn(body, 0));
        });
    }

    /** {@code UID FETCH <uid> (UID BODY.PEEK[]<from.1>)}: its result (NO and BAD included) and the body. */
    private static Piece piece(IMAPProtocol protocol, long uid, long from) throws ProtocolException {
        Response[] responses = fetchFrom(protocol, Long.toString(uid), from);
        return new Piece(responses[responses.length - 1], bodyOf(responses, uid));
    }

    /** {@code UID FETCH <uids> (UID BODY.PEEK[]<from.1>)}; NO and BAD are returned, any other failure thrown. */
    private static Response[] fetchFrom(IMAPProtocol protocol, String uids, long from) throws ProtocolException {
        Argument args = new Argument();
        args.writeAtom(uids);
        args.writeAtom("(UID BODY.PEEK[]<" + from + ".1>)");
        Response[] responses = protocol.command("UID FETCH", args);
        Response[] ours = responses.clone(); // as they came: a response handler may take one
        Response result = responses[responses.length - 1];
        protocol.notifyResponseHandlers(responses);
        if (!result.isNO() && !result.isBAD()) {
            protocol.handleResult(result); // BYE or a broken connection: an outage
        }
        return ours;
    }

    private Object command(IMAPFolder.ProtocolCommand command) throws IOException {
        try {
            return folder.doCommand(command);
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
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

    /** A piece of a body asked for: the command's result, and the body's BODY item (null when none came). */
    private record Piece(Response result, BODY body) {
    }
}
