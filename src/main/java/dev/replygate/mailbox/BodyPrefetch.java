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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw bytes of a fetched batch's messages, read with few round trips: when the inbound stage opens a
 * message whose bytes are not here yet, one {@code UID FETCH (BODY.PEEK[]<0.n>)} brings it and messages after
 * it of about its size, up to a byte budget; a message too large to be examined in memory is streamed in
 * partial fetches as before ({@link RawStreams}). The bytes are the server's, exactly as a streamed read gives
 * them.
 *
 * <p>One fetch asks for one cut {@code n} for all its messages, the largest they need, so a fetch takes only
 * messages whose cut fits its budget beside the others': the small ones after a large one come in the same
 * fetch as the small ones before it, and the large one comes with the next large ones when it is opened (a
 * 200 KB attachment among replies of a few KB used to shrink a fetch to a handful of messages, or was streamed
 * in three round trips of its own).
 *
 * <p>A message is in at most one such fetch. Whatever a fetch did not bring whole (the server answered NO for
 * some of its messages, or a message is larger than its RFC822.SIZE said) is read on its own, as it was before
 * this prefetch existed, so a message the server refuses fails alone ({@link BodyRefused}: every body given
 * out, prefetched or streamed, has its end checked by {@link ImapBodyEnds}). Each literal of a fetch is cut at
 * {@code n} bytes, and a fetch asks for no more literals than fit the budget beside the bytes still held, so
 * what is held (Angus keeps a command's responses whole) stays within the budget and one message's cut,
 * whatever sizes the server claims.
 */
final class BodyPrefetch {

    /** Messages up to this size (RFC822.SIZE) are fetched whole, several in one command: those examined in memory. */
    static final long MAX_MESSAGE_BYTES = IncomingMessage.MAX_EXAMINED_IN_MEMORY;
    /**
     * The most bytes held here at once, fetched and not opened yet, beside the message being opened: two of the
     * largest messages prefetched fit in one fetch.
     */
    static final long BUDGET_BYTES = 2 * (MAX_MESSAGE_BYTES + 1);
    /** What a message may have grown beyond its RFC822.SIZE (an estimate on some servers) and still come here. */
    private static final long SIZE_SLACK_BYTES = 4096;

    private final IMAPFolder folder;
    private final ImapBodyEnds ends;
    private final List<Item> items = new ArrayList<>();
    private final Map<Long, Integer> positions = new HashMap<>();
    private final Map<Long, ByteArray> fetched = new HashMap<>();
    private final Set<Long> asked = new HashSet<>();

    /**
     * {@code messages}: the batch's messages in the order the inbound stage reads them; {@code ends}: checks the
     * end of each body given out (one for the whole run, which compares a refusal with the run's other messages).
     */
    BodyPrefetch(IMAPFolder folder, List<IMAPMessage> messages, ImapBodyEnds ends) throws MessagingException {
        this.folder = folder;
        this.ends = ends;
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
        if (position != null && small(items.get(position)) && !asked.contains(uid)) {
            dropPassedOver(position);
            fetchFrom(position);
        }
        long size = position != null ? items.get(position).size() : -1;
        ByteArray bytes = fetched.remove(uid);
        if (bytes == null) {
            // large, refused by the server, larger than its size said, or opened again: read as before
            return ends.checked(message, uid, size, RawStreams.open(message), true);
        }
        return ends.checked(message, uid, size,
                new ByteArrayInputStream(bytes.getBytes(), bytes.getStart(), bytes.getCount()), false);
    }

    /** Drops the bytes of messages before {@code position} that were never opened: they are not wanted any more. */
    private void dropPassedOver(int position) {
        fetched.keySet().removeIf(uid -> positions.get(uid) < position);
    }

    /**
     * Fetches the small message at {@code first} and the small ones after it not asked for yet whose cut fits
     * the budget beside the bytes held; one more than twice as large as those taken, or one whose cut no longer
     * fits, is left for a fetch of its own size.
     */
    private void fetchFrom(int first) throws IOException {
        long held = fetched.values().stream().mapToLong(ByteArray::getCount).sum();
        List<Long> uids = new ArrayList<>();
        long literalLimit = 0;
        for (int i = first; i < items.size(); i++) {
            Item item = items.get(i);
            if (!small(item) || asked.contains(item.uid())) {
                continue;
            }
            long own = literalLimit(item.size());
            long limit = Math.max(literalLimit, own);
            boolean fits = held + (uids.size() + 1) * (limit + 1) <= BUDGET_BYTES;
            if (!uids.isEmpty() && (!fits || own > 2 * literalLimit)) {
                if (own > literalLimit) {
                    continue;
                }
                break;
            }
            uids.add(item.uid());
            literalLimit = limit;
        }
        asked.addAll(uids);
        long[] set = uids.stream().mapToLong(Long::longValue).toArray();
        long cut = literalLimit + 1;
        try {
            folder.doCommand(protocol -> {
                Argument args = new Argument();
                args.writeAtom(UIDSet.toString(UIDSet.createUIDSets(set)));
                args.writeAtom("(UID BODY.PEEK[]<0." + cut + ">)");
                Response[] responses = protocol.command("UID FETCH", args);
                for (Response response : responses) {
                    if (response instanceof FetchResponse fetch) {
                        keepWhole(fetch, cut);
                    }
                }
                protocol.notifyResponseHandlers(responses);
                Response result = responses[responses.length - 1];
                if (!result.isNO() && !result.isBAD()) {
                    protocol.handleResult(result); // BYE or a broken connection: the message cannot be read at all
                }
                // NO or BAD: what came whole is kept; each message missing is read on its own
                return null;
            });
        } catch (MessagingException e) {
            throw new IOException("cannot read the messages from the server: " + e.getMessage(), e);
        }
    }

    /** Keeps the bytes of {@code fetch} when they are a whole message: shorter than the {@code cut} asked for. */
    private void keepWhole(FetchResponse fetch, long cut) {
        UID uid = fetch.getItem(UID.class);
        BODY body = fetch.getItem(BODY.class);
        if (uid != null && asked.contains(uid.uid) && body != null && body.getSection() != null
                && body.getSection().isEmpty() && body.getOrigin() == 0 && body.getByteArray() != null
                && body.getByteArray().getCount() < cut) {
            fetched.put(uid.uid, body.getByteArray());
        }
    }

    /** The most bytes asked of a message whose RFC822.SIZE is {@code size}; a message that fills it is streamed. */
    static long literalLimit(long size) {
        return Math.min(MAX_MESSAGE_BYTES, 2 * size + SIZE_SLACK_BYTES);
    }

    private static boolean small(Item item) {
        return item.size() >= 0 && item.size() <= MAX_MESSAGE_BYTES;
    }

    private record Item(IMAPMessage message, long uid, long size) {
    }
}
