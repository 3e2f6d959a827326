package dev.replygate.classify;

import java.util.Optional;

/**
 * Verifies what replygate signed, so that a reply or a bounce can be tied to a ticket without
 * trusting anything else in the message. The wiring adapts the signing package's signed
 * Message-IDs and reply tokens to this.
 */
public interface TicketSignatures {

    /** A verifier that knows no signature: nothing is ever ours. */
    TicketSignatures NONE = new TicketSignatures() {
        @Override
        public Optional<String> ticketOfMessageId(String messageId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> ticketOfAddress(String address) {
            return Optional.empty();
        }
    };

    /** The ticket of a Message-ID (without angle brackets) that replygate signed; empty otherwise. */
    Optional<String> ticketOfMessageId(String messageId);

    /** The ticket of a reply address carrying a token replygate signed; empty otherwise. */
    Optional<String> ticketOfAddress(String address);
}
