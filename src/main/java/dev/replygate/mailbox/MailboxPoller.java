package dev.replygate.mailbox;

import dev.replygate.config.InstanceConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.metrics.Meters;
import dev.replygate.store.Store;

import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads one mailbox: gives every new message to the inbound stage, then applies the dispositions
 * it returned, in batches. One run at a time per mailbox: callers (the scheduler) never overlap
 * two {@link #poll()} calls of one mailbox.
 */
public interface MailboxPoller extends AutoCloseable {

    /** The poller for {@code config}'s protocol. */
    static MailboxPoller create(MailboxConfig config, MessageSink sink, Store store, Clock clock) {
        return switch (config.protocol()) {
            case IMAP -> new ImapPoller(config, sink, new ImapCursors(store, clock), new ImapDispositions(config));
            case POP3 -> new Pop3Poller(config, sink, new Pop3SeenList(store, clock),
                    new ReusedUidls(ReusedUidls.CAPACITY, clock));
        };
    }

    /**
     * The poller for {@code config}'s protocol, whose runs are counted in {@code meters} and whose
     * outcome is kept in the store ({@link MailboxStates}); it reads only while this process holds the
     * mailbox's lease in the store ({@link LeasedPoller}), and a run skipped for another reader is not counted.
     * The lease lasts one of the nodes' check-in intervals, as long as the others take to learn that a node
     * died and take its jobs over: the mailbox of a node that dies while it reads is free for them by then.
     */
    static MailboxPoller create(MailboxConfig config, MessageSink sink, Store store, Clock clock, Meters meters,
                                InstanceConfig node) {
        MailboxStates states = new MailboxStates(store, clock, node.name());
        return new LeasedPoller(new ObservedPoller(create(config, sink, store, clock), List.of(
                report -> meters.pollFinished(report.mailbox(), report.elapsed(), report.failure()),
                states::record)), new MailboxLeases(store, clock,
                node.checkInInterval()));
    }

    /** The configured name of the mailbox. */
    String mailbox();

    /**
     * Connects, processes every message that is new since the last run, and disconnects. A problem
     * (the server, the store, the inbound stage) stops the run after the dispositions of the
     * messages processed so far are applied; it is logged and returned in the report, never
     * thrown. What is left waits for the next run.
     */
    default PollReport poll() {
        return poll(() -> false);
    }

    /**
     * As {@link #poll()}, asking {@code giveWay} between two batches whether to end the run there: when it says
     * so, the run stops as at its bound of batches, with the rest left for the next run (another node's; the
     * scheduler's {@code FairShare}). Asked only where the run could stop at its bound: never before its first
     * batch, nor once it deferred a message.
     */
    PollReport poll(BooleanSupplier giveWay);

    /** Closes what the poller keeps open between runs (an IMAP connection); a later run connects again. */
    @Override
    default void close() {
        // nothing kept
    }
}
