package dev.replygate.outbound;

/**
 * An outbox item this deliverer holds the lease of, with the message to send.
 *
 * @param item       the item, in state {@code sending}, its attempt already counted
 * @param rawMessage the complete RFC 5322 message
 */
public record ClaimedMessage(OutboxItem item, byte[] rawMessage) {

    @Override
    public String toString() {
        return "ClaimedMessage[outbox#" + item.id() + " " + item.messageId() + "]";
    }
}
