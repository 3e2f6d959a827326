package dev.replygate.mailbox;

import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

import jakarta.mail.MessagingException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw bytes of a fetched batch's messages, read with few round trips: when the inbound stage opens a
 * small message whose bytes are not here yet, one {@code UID FETCH (BODY.PEEK[])} brings it and the small
 * messages after it, up to a byte budget; a large message is streamed in partial fetches as before
 * ({@link RawStreams}). At most the budget (and one small message more) is held at a time, and each message's
 * bytes are let go once opened. The bytes are the server's, exactly as a streamed read gives them.
 */
final class BodyPrefetch {

    /** Messages up to this size (RFC822.SIZE) are fetched whole, several in one command. */
    static final long MAX_MESSAGE_BYTES = MailSessions.IMAP_FETCH_BLOCK;
    /** The most bytes one prefetch asks for. */
    static final long BUDGET_BYTES = 2L * 1024 * 1024;

    private final IMAPFolder folder;
    private final List<Item> items = new ArrayList<>();
    private final Map<Long, Integer> positions = new HashMap<>();
    private final Map<Long, ByteArray> fetched = new HashMap<>();

    /** {@code messages}: the batch's messages in the order the inbound stage reads them. */
    BodyPrefetch(IMAPFolder folder, List<IMAPMessage> messages) throws MessagingException {
        this.folder = folder;
        for (IMAPMessage message : messages) {
            long uid = folder.getUID(message);
            positions.put(uid, items.size());
            items.add(new Item(message, uid, message.getSizeLong()));
        }
    }

    /** The raw bytes of {@code message}, one of the batch's. */
    InputStream open(IMAPMessage message) throws IOException {
        long uid;
        try {
            uid = folder.getUID(message);
        } catch (MessagingException e) {
            throw new IOException("cannot read the message from the server: " + e.getMessage(), e);
        }
        Integer position = positions.get(uid);
        if (position == null || !small(items.get(position))) {
            return RawStreams.open(message);
        }
        ByteArray bytes = fetched.remove(uid);
        if (bytes == null) {
            fetched.clear(); // what was fetched and not opened is not wanted any more
            fetchFrom(position);
            bytes = fetched.remove(uid);
        }
        if (bytes == null) {
            // not given by the server (expunged meanwhile?): read it as before, which tells why
            return RawStreams.open(message);
        }
        return new ByteArrayInputStream(bytes.getBytes(), bytes.getStart(), bytes.getCount());
    }

    /** Fetches the small message at {@code first} and the small ones after it, within the budget. */
    private void fetchFrom(int first) throws IOException {
        List<Long> uids = new ArrayList<>();
        long bytes = 0;
        for (int i = first; i < items.size(); i++) {
            Item item = items.get(i);
            if (!small(item)) {
                continue;
            }
            if (!uids.isEmpty() && bytes + item.size() > BUDGET_BYTES) {
                break;
            }
            uids.add(item.uid());
            bytes += item.size();
        }
        long[] set = uids.stream().mapToLong(Long::longValue).toArray();
        try {
            folder.doCommand(protocol -> {
                Argument args = new Argument();
                args.writeAtom(UIDSet.toString(UIDSet.createUIDSets(set)));
                args.writeAtom("(UID BODY.PEEK[])");
                Response[] responses = protocol.command("UID FETCH", args);
                for (Response response : responses) {
                    if (response instanceof FetchResponse fetch) {
                        UID uid = fetch.getItem(UID.class);
                        BODY body = fetch.getItem(BODY.class);
                        if (uid != null && body != null && body.getSection() != null && body.getSection().isEmpty()
                                && body.getByteArray() != null) {
                            fetched.put(uid.uid, body.getByteArray());
                        }
                    }
                }
                protocol.notifyResponseHandlers(responses);
                protocol.handleResult(responses[responses.length - 1]);
                return null;
            });
        } catch (MessagingException e) {
            throw new IOException("cannot read the messages from the server: " + e.getMessage(), e);
        }
    }

    private static boolean small(Item item) {
        return item.size() >= 0 && item.size() <= MAX_MESSAGE_BYTES;
    }

    private record Item(IMAPMessage message, long uid, long size) {
    }
}
