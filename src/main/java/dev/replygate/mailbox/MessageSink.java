package dev.replygate.mailbox;

/**
 * The inbound stage: takes one received message from a mailbox and records what becomes of it.
 *
 * <p>The contract the mailbox layer relies on:
 * <ul>
 *   <li><b>One transaction.</b> {@link #accept} parses, classifies and decides, then records the
 *       outcome and any queued answer in one store transaction before it returns. The mailbox layer
 *       applies the returned disposition (a move, a keyword, a POP3 delete) only after that, so a
 *       message leaves the mailbox only once its record is committed.</li>
 *   <li><b>Idempotent per key.</b> Called again for a {@link IncomingMessage#key() key} already
 *       recorded, it returns the recorded disposition and does nothing else. This happens after a
 *       crash between the commit and the move, and after a failed move: the message is still in
 *       the mailbox and is given again.</li>
 *   <li><b>Idempotent per content.</b> When a folder's UIDVALIDITY changes, its messages come
 *       again under new keys. The sink recognises them by the SHA-256 of their raw bytes and
 *       answers none of them twice.</li>
 *   <li><b>Shadow mode.</b> For a message with {@link IncomingMessage#shadow()} set, the sink
 *       records everything as usual and sends nothing; the mailbox layer changes nothing on the
 *       server.</li>
 *   <li><b>Streaming.</b> It reads {@link IncomingMessage#openRaw()} within the call, holding no
 *       more than its bounded parse needs: a message may be far bigger than the heap.</li>
 *   <li><b>Failure.</b> When it throws, nothing of that message may be recorded; the message stays
 *       where it is, the mailbox's run stops there, and the message is given again at the next
 *       run. Mail it cannot understand is not a failure: it returns
 *       {@link Disposition#QUARANTINED} with the error recorded.</li>
 * </ul>
 */
@FunctionalInterface
public interface MessageSink {

    /**
     * Processes {@code message} and returns where it goes.
     *
     * @throws Exception when it could not be processed now (the store is down, …); it is given again later
     */
    Disposition accept(IncomingMessage message) throws Exception;
}
