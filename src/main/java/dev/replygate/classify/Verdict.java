package dev.replygate.classify;

import java.util.List;
import java.util.Objects;

/**
 * What the classifier decided about one message, with every reason.
 *
 * @param mailClass             the class; only {@code reply} and {@code new} may ever be answered
 * @param reasons               every rule that fired and made the class: the strong rules of an
 *                              automatic message (all of them, not only the first), the weak signals
 *                              that broke a tie, the delivery facts that made a bounce, or how a reply
 *                              was matched; empty for a new message
 * @param weakSignals           every weak signal that fired, whether it decided or not
 * @param ticketId              the ticket: of a matched reply, or of the notification a trusted report
 *                              (bounce, or automatic mail quoting our signed Message-ID) is about; else null
 * @param signed                true when a signature of ours tied the message to the ticket
 * @param notificationMessageId the Message-ID of our notification this message answers or reports on,
 *                              when verified; else null
 * @param delivery              the delivery facts of a bounce or delivery report; else null
 */
public record Verdict(MailClass mailClass, List<Reason> reasons, List<Reason> weakSignals, String ticketId,
                      boolean signed, String notificationMessageId, DeliveryReport delivery) {

    /** The rule name of the reason that {@link #unparseable} records. */
    public static final String PARSE_FAILED = "parse-failed";

    public Verdict {
        Objects.requireNonNull(mailClass, "mailClass");
        reasons = List.copyOf(reasons);
        weakSignals = List.copyOf(weakSignals);
        if (signed && ticketId == null) {
            throw new IllegalArgumentException("a signed match names its ticket");
        }
    }

    /** The verdict for a message the parser could not read; set by the pipeline, never answered. */
    public static Verdict unparseable(String why) {
        return new Verdict(MailClass.UNPARSEABLE, List.of(new Reason(PARSE_FAILED, why)), List.of(), null, false,
                null, null);
    }

    /** True when the message is not known to be written by a person, so it must never be answered. */
    public boolean automatic() {
        return !mailClass.human();
    }

    /** The names of the rules in {@link #reasons}, in order. */
    public List<String> ruleNames() {
        return reasons.stream().map(Reason::rule).toList();
    }
}
