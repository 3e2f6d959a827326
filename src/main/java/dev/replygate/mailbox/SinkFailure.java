package dev.replygate.mailbox;

/**
 * The inbound stage threw on one message: the run stops there and the message is given again next run.
 *
 * <p>An {@link InterruptedException} cause (the stage's thread was interrupted while it waited) stops the run like
 * any outage, and the thread's interrupt flag is not set again: the run still writes the store (the progress of
 * what came before, the mailbox's lease and state), and an H2 file written by an interrupted thread closes its
 * channel for every stage of the process.
 */
final class SinkFailure extends Exception {

    SinkFailure(String key, String messageId, Exception cause) {
        super("the inbound stage failed on " + key + " " + messageId + ": " + cause, cause);
    }
}
