package dev.replygate.inbound;

import java.time.Instant;

/**
 * One received message as recorded: what it was, what replygate did and why.
 *
 * @param mailbox        the configured mailbox's name
 * @param messageKey     its key in the mailbox ({@code imap:<uidvalidity>:<uid>}, {@code pop3:<uidl>})
 * @param sha256         of the raw bytes, hex
 * @param mailClass      the classifier's class label ({@code reply}, {@code bounce}, …)
 * @param action         {@code redirect}, {@code ignore}, {@code quarantine} or {@code record}
 * @param disposition    {@code redirected}, {@code ignored} or {@code quarantined}
 * @param reasons        one {@code rule: value} per line
 * @param answerOutboxId the queued answer; null when none
 * @param duplicateOf    the id of the first record of the same bytes; null when this is the first
 */
public record InboundRecord(long id, String mailbox, String messageKey, String sha256, String messageId, String sender,
                     String returnPath, String subject, long size, String mailClass, String action,
                     String disposition, String ticketId, String reasons, Long answerOutboxId, String answerTo,
                     boolean shadow, Long duplicateOf, Instant receivedAt) {
}
