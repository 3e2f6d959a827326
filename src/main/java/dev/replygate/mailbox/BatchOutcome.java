package dev.replygate.mailbox;

import java.util.List;

/**
 * What the inbound stage made of a batch: one outcome per message, in the batch's order, up to the
 * message where an outage stopped it.
 *
 * @param outcomes the outcomes of the batch's first {@code outcomes.size()} messages
 * @param outage   null when every message has its outcome; else what stopped the batch at message
 *                 {@code outcomes.size()}: nothing of it, nor of any message after it, is recorded
 */
public record BatchOutcome(List<MessageOutcome> outcomes, Exception outage) {

    public BatchOutcome {
        outcomes = List.copyOf(outcomes);
    }
}
