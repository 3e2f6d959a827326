package dev.replygate.outbound;

import java.time.Instant;

/**
 * An outbox row, without its raw message.
 *
 * @param attempts   delivery attempts since it was queued or last retried
 * @param lastError  the last failure: the SMTP server's answer or the connection error; null for none
 * @param sentAt     when an SMTP server took it; null until then
 * @param retriedAt  when an operator last re-queued it; null if never
 * @param leaseOwner while {@code sending}: the deliverer holding it (see {@link LeaseOwner}); null otherwise
 * @param leaseUntil while {@code sending}: when another deliverer may take it; null otherwise
 */
public record OutboxItem(long id, OutboxKind kind, String idempotencyKey, String messageId, String envelopeFrom,
                         String recipient, String subject, String ticketId, OutboxState state, int attempts,
                         Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt,
                         Instant sentAt, Instant retriedAt, String leaseOwner, Instant leaseUntil) {

    /** Where its delivery window ({@code delivery.max-age}) starts: its creation, or its last retry. */
    public Instant deliveryWindowStart() {
        return retriedAt != null ? retriedAt : createdAt;
    }
}
