package dev.replygate.decide;

import dev.replygate.classify.Reason;

import java.util.List;

/**
 * What to do with one received message, and every reason for it.
 *
 * @param action   the action
 * @param reasons  why: the guards that let the answer through or held it back
 * @param answer   the answer to queue when the action is {@link Action#REDIRECT}; else null
 * @param bounce   the bounce to record on our notification (a trusted delivery report); else null
 */
public record Decision(Action action, List<Reason> reasons, PlannedAnswer answer, Bounce bounce) {

    public Decision {
        reasons = List.copyOf(reasons);
        if ((action == Action.REDIRECT) != (answer != null)) {
            throw new IllegalArgumentException("a redirect, and only a redirect, has an answer");
        }
    }

    static Decision ignore(List<Reason> reasons) {
        return new Decision(Action.IGNORE, reasons, null, null);
    }

    /** The same decision with the answer held back by {@code why} (a rate limit found in the store). */
    public Decision heldBack(Reason why) {
        List<Reason> all = new java.util.ArrayList<>(reasons);
        all.add(why);
        return new Decision(Action.IGNORE, all, null, bounce);
    }

    /**
     * An answer to send.
     *
     * @param to               the one recipient
     * @param ticketId         the ticket it is about; null for an answer to new mail
     * @param locale           the language to answer in
     * @param notifiedCustomer true when a signature of ours tied the message to the ticket and {@code to}
     *                         is the address that ticket's notification went to: the one reader who may
     *                         see the words of the message answered
     * @param ticketKey        the ticket's access key on record with that notification, for its link; null
     *                         unless {@code notifiedCustomer}: a stranger who names a ticket never gets its key
     */
    public record PlannedAnswer(String to, String ticketId, String locale, boolean notifiedCustomer,
                                String ticketKey) {
    }

    /**
     * A bounce of one of our notifications, reported by a delivery report that quoted its signed Message-ID.
     *
     * @param notificationMessageId the notification's Message-ID
     * @param hard                  true when the address is gone
     * @param detail                the recipient and the server's words
     */
    public record Bounce(String notificationMessageId, boolean hard, String detail) {
    }
}
