package dev.replygate.outbound;

/**
 * What {@link Outbox#enqueue} did.
 *
 * @param id      the outbox item's id
 * @param created true when the entry was added; false when its idempotency key was already there,
 *                and {@code id} is that earlier item's
 */
public record EnqueueResult(long id, boolean created) {
}
