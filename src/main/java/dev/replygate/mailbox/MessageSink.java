package dev.replygate.mailbox;

import dev.replygate.logging.LogContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The inbound stage: takes one received message from a mailbox and records what becomes of it.
 *
 * <p>The contract the mailbox layer relies on:
 * <ul>
 *   <li><b>Committed first.</b> {@link #accept} parses, classifies and decides, then records the
 *       outcome and any queued answer in one store transaction before it returns; {@link #acceptAll}
 *       does so for a whole batch, in a few transactions of many messages each. The mailbox layer applies the
 *       returned dispositions (a move, a keyword, a POP3 delete) only after that, so a message leaves
 *       the mailbox only once its record is committed.</li>
 *   <li><b>Idempotent per key.</b> Called again for a {@link IncomingMessage#key() key} already
 *       recorded, it returns the recorded disposition and does nothing else. This happens after a
 *       crash between the commit and the move, and after a failed move: the message is still in
 *       the mailbox and is given again. For a key its server may give another message
 *       ({@link IncomingMessage#keyMayBeReused()}: a POP3 UIDL), the sink first reads the message and compares
 *       the SHA-256 of its bytes with the record's: other bytes are another message, and it throws
 *       {@link OtherMessageUnderKey} (recording nothing, counting nothing against it).</li>
 *   <li><b>Idempotent per content.</b> When a folder's UIDVALIDITY changes, its messages come
 *       again under new keys. The sink recognises them by the SHA-256 of their raw bytes and
 *       answers none of them twice.</li>
 *   <li><b>Shadow mode.</b> For a message with {@link IncomingMessage#shadow()} set, the sink
 *       records everything as usual and sends nothing; the mailbox layer changes nothing on the
 *       server.</li>
 *   <li><b>Streaming.</b> It reads {@link IncomingMessage#openRaw()} within the call, holding no
 *       more than its bounded parse needs: a message may be far bigger than the heap.</li>
 *   <li><b>Failure of the message.</b> When processing fails for a reason of the message's own (it
 *       sets off a bug, the store refuses its data, or its stream throws {@link BodyRefused}: the mail
 *       server refused or cut its body and serves other messages'), the sink records the failed attempt (in a
 *       transaction of its own) and throws {@link MessageDeferred}: the message stays where it is,
 *       the run goes on with the next message, and the message is given again at the next run (an
 *       IMAP folder's read progress does not pass it). At the configured number of failed attempts
 *       the sink records it quarantined with its error and returns {@link Disposition#QUARANTINED}
 *       instead: one bad message never stops a mailbox.</li>
 *   <li><b>Outage.</b> When it throws anything else (the store is down, the connection to the mail
 *       server dropped or refuses every body: {@link ServerRefusesBodies}, the thread was interrupted),
 *       nothing of that message is recorded; the
 *       message stays where it is, the mailbox's run stops there, and the message is given again at
 *       the next run. An outage never counts against a message.</li>
 *   <li>Mail it cannot understand is not a failure: it returns {@link Disposition#QUARANTINED} with
 *       the parser's error recorded.</li>
 * </ul>
 */
@FunctionalInterface
public interface MessageSink {

    /**
     * Processes {@code message} and returns where it goes.
     *
     * @throws MessageDeferred when this message failed; the run goes on, and it is given again next run
     * @throws Exception       when it could not be processed now (the store is down, …); the run stops, and
     *                         it is given again next run
     */
    Disposition accept(IncomingMessage message) throws Exception;

    /**
     * Processes the messages of one fetched batch, in order, each as {@link #accept} does; a sink may
     * record several in one transaction. Stops at the first outage, which the outcome then holds: what came
     * before it keeps its outcome. A message's own failure defers (or quarantines) that message alone.
     */
    default BatchOutcome acceptAll(List<IncomingMessage> batch) {
        List<MessageOutcome> outcomes = new ArrayList<>();
        for (IncomingMessage message : batch) {
            LogContext context = LogContext.message(message.mailbox(), message.key());
            try {
                outcomes.add(MessageOutcome.recorded(accept(message)));
            } catch (MessageDeferred e) {
                outcomes.add(MessageOutcome.deferred(e));
            } catch (Exception e) {
                return new BatchOutcome(outcomes, e);
            } finally {
                context.close();
            }
        }
        return new BatchOutcome(outcomes, null);
    }

    /**
     * This sink, calling {@code redirected} after each message it returned {@link Disposition#REDIRECTED}
     * for: its record and queued answer are committed by then. Batches still reach the sink as batches.
     */
    default MessageSink onRedirected(Runnable redirected) {
        MessageSink sink = this;
        return new MessageSink() {
            @Override
            public Disposition accept(IncomingMessage message) throws Exception {
                Disposition disposition = sink.accept(message);
                if (disposition == Disposition.REDIRECTED) {
                    redirected.run();
                }
                return disposition;
            }

            @Override
            public BatchOutcome acceptAll(List<IncomingMessage> batch) {
                BatchOutcome outcome = sink.acceptAll(batch);
                outcome.outcomes().stream().filter(o -> o.disposition() == Disposition.REDIRECTED)
                        .forEach(o -> redirected.run());
                return outcome;
            }
        };
    }
}
