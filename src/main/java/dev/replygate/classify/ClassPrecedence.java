package dev.replygate.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the class of an automatic message from what fired ({@link MailClass#PRECEDENCE}), then lets
 * the delivery facts correct it: a report that some recipient failed makes a bounce of anything but
 * a loop (a plain-text bounce often carries only a robot sender); a delivery report whose recipients
 * were all delivered, relayed or expanded is a report, not a bounce.
 */
final class ClassPrecedence {

    static final String DELIVERY_FAILURE = "delivery-failure";
    static final String DELIVERY_SUCCESS = "delivery-success";

    private ClassPrecedence() {
    }

    /** The class and the reasons behind it. */
    record Outcome(MailClass mailClass, List<Reason> reasons) {
    }

    static Outcome resolve(List<Finding> findings, DeliveryReport delivery) {
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("an automatic message has at least one finding");
        }
        MailClass top = findings.get(0).mailClass();
        List<Reason> reasons = new ArrayList<>();
        for (Finding finding : findings) {
            reasons.add(finding.reason());
            if (finding.mailClass().outranks(top)) {
                top = finding.mailClass();
            }
        }
        if (delivery == null || top == MailClass.LOOP) {
            return new Outcome(top, reasons);
        }
        List<RecipientStatus> failures = delivery.failures();
        if (!failures.isEmpty()) {
            reasons.add(new Reason(DELIVERY_FAILURE, describe(failures)));
            return new Outcome(MailClass.BOUNCE, reasons);
        }
        if (top == MailClass.BOUNCE && delivery.onlySuccess()) {
            reasons.add(new Reason(DELIVERY_SUCCESS, describe(delivery.recipients())));
            return new Outcome(MailClass.REPORT, reasons);
        }
        return new Outcome(top, reasons);
    }

    private static String describe(List<RecipientStatus> recipients) {
        StringBuilder out = new StringBuilder();
        for (RecipientStatus recipient : recipients) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(recipient.recipient()).append(" ").append(recipient.action().name().toLowerCase(Locale.ROOT));
            if (recipient.status() != null) {
                out.append(' ').append(recipient.status());
            }
            out.append(recipient.hard() ? " hard" : " soft");
        }
        return out.toString();
    }
}
