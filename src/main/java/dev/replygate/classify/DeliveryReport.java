package dev.replygate.classify;

import java.util.List;

/**
 * The facts of a delivery status notification, standard (RFC 3464) or plain text.
 *
 * @param reportingMta          the MTA that wrote the report, when named; else null
 * @param recipients            every recipient the report speaks of
 * @param notificationMessageId the Message-ID of the message the report is about, as quoted in the
 *                              attached original or the text; null when none was found
 * @param trusted               true only when that Message-ID verifies as one we signed: a forged
 *                              report must not mark customers bounced
 * @param ticketId              the ticket of that Message-ID when trusted; else null
 */
public record DeliveryReport(String reportingMta, List<RecipientStatus> recipients, String notificationMessageId,
                             boolean trusted, String ticketId) {

    public DeliveryReport {
        recipients = List.copyOf(recipients);
        if (trusted && (notificationMessageId == null || ticketId == null)) {
            throw new IllegalArgumentException("a trusted report names its notification and ticket");
        }
    }

    /** The recipients that failed or are delayed. */
    public List<RecipientStatus> failures() {
        return recipients.stream().filter(r -> r.action().failure()).toList();
    }

    /** True when the report speaks of recipients and none of them failed or is delayed (a success report). */
    public boolean onlySuccess() {
        return !recipients.isEmpty() && failures().isEmpty()
                && recipients.stream().noneMatch(r -> r.action() == DeliveryAction.UNKNOWN);
    }
}
