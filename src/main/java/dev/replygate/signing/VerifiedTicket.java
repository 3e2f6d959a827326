package dev.replygate.signing;

/**
 * A ticket id recovered from a value replygate signed.
 *
 * @param ticketId the ticket id, with its original case
 * @param keyId    the id (lowercase) of the key whose signature matched
 */
public record VerifiedTicket(String ticketId, String keyId) {
}
