package dev.replygate.outbound;

/**
 * What one delivery run did.
 *
 * @param sent     taken by the SMTP server
 * @param deferred failed for now, queued for a later attempt
 * @param failed   refused for good or given up on
 */
public record DeliveryReport(int sent, int deferred, int failed) {

    public static final DeliveryReport NOTHING = new DeliveryReport(0, 0, 0);

    /** How many items the run claimed. */
    public int attempted() {
        return sent + deferred + failed;
    }

    public DeliveryReport plus(DeliveryReport other) {
        return new DeliveryReport(sent + other.sent, deferred + other.deferred, failed + other.failed);
    }
}
