package dev.replygate.config;

import java.time.Duration;

/**
 * How the outbox is delivered.
 *
 * @param interval       how often the delivery job looks at the outbox
 * @param batchSize      messages sent over one SMTP connection at most
 * @param initialBackoff wait after the first temporary failure; doubles each time
 * @param maxBackoff     the longest wait between two attempts
 * @param maxAge         after this long in the outbox, a temporary failure becomes final
 */
public record DeliveryConfig(Duration interval, int batchSize, Duration initialBackoff, Duration maxBackoff,
                             Duration maxAge) {
}
