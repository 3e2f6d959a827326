package dev.replygate.outbound;

import dev.replygate.signing.TicketIds;
import dev.replygate.text.HeaderText;

import dev.replygate.address.MailAddress;
import java.util.Objects;

/**
 * A composed message to put in the outbox.
 *
 * @param kind           notification or answer
 * @param idempotencyKey the entry's key: an entry with a key already in the outbox is not added again; null for
 *                       none. Each maker keeps to its own namespace ({@code answer:}, {@code digest:},
 *                       {@code caller:} for the portal's and {@code notify}'s keys)
 * @param messageId      the message's Message-ID, without angle brackets
 * @param envelopeFrom   the envelope sender; {@code ""} for the null sender {@code <>}, which every
 *                       answer uses (RFC 3834 §4)
 * @param recipient      the one envelope recipient
 * @param subject        the decoded subject, for listings (cut to 2000 characters)
 * @param ticketId       the ticket it is about; null for none
 * @param rawMessage     the complete RFC 5322 message, as {@link MailComposer} made it (not copied)
 */
public record OutboxEntry(OutboxKind kind, String idempotencyKey, String messageId, String envelopeFrom,
                          String recipient, String subject, String ticketId, byte[] rawMessage) {

    /** The column's width since V27: a caller's 200 characters behind its namespace's prefix, and room to spare. */
    static final int MAX_KEY_LENGTH = 250;
    static final int MAX_SUBJECT_LENGTH = 2000;

    public OutboxEntry {
        Objects.requireNonNull(kind, "kind");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("idempotency key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        messageId = MessageIds.require(messageId);
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        if (!envelopeFrom.isEmpty()) {
            requirePlain(envelopeFrom, "envelope sender");
        }
        if (kind == OutboxKind.ANSWER && !envelopeFrom.isEmpty()) {
            throw new IllegalArgumentException("answers are sent with the null envelope sender <>, not "
                    + envelopeFrom);
        }
        requirePlain(recipient, "recipient");
        subject = HeaderText.forHeader(subject);
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            subject = subject.substring(0, MAX_SUBJECT_LENGTH);
        }
        if (ticketId != null) {
            TicketIds.requireValid(ticketId);
        }
        if (rawMessage == null || rawMessage.length == 0) {
            throw new IllegalArgumentException("the raw message is empty");
        }
    }

    private static void requirePlain(String address, String what) {
        try {
            MailAddress.plain(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OutboxEntry[" + kind.dbValue() + " " + messageId + " to " + recipient + ", " + rawMessage.length
                + " bytes]";
    }
}
