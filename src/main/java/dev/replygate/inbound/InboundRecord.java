package dev.replygate.inbound;

import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.parse.ParsedMail;

import java.time.Instant;

/**
 * One received message as recorded: what it was, what replygate did and why. Made with
 * {@link #of}, which takes what the message says about itself, and {@link Outcome}'s steps.
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

    /**
     * The record of {@code message} as far as the message itself tells: its Message-ID, first From
     * address, Return-Path, subject and size from {@code mail}, or only its size when it could not be
     * parsed ({@code mail} null). The texts are cut as the store keeps them at once: a batch's records wait in
     * memory for its transaction, and a stranger's header may be 64 KB.
     */
    static Outcome of(String mailbox, IncomingMessage message, String sha256, ParsedMail mail) {
        return mail == null
                ? new Outcome(mailbox, message, sha256, null, null, null, "", Math.max(0, message.size()))
                : new Outcome(mailbox, message, sha256,
                        InboundRecords.cut(mail.messageId(), InboundRecords.MAX_MESSAGE_ID),
                        InboundRecords.cut(mail.from().isEmpty() ? null : mail.from().get(0).address(),
                                InboundRecords.MAX_ADDRESS),
                        InboundRecords.cut(mail.returnPath(), InboundRecords.MAX_ADDRESS),
                        InboundRecords.cut(mail.subject(), InboundRecords.MAX_SUBJECT), mail.size());
    }

    /** What replygate made of the message, given step by step; {@link #at} makes the record. */
    static final class Outcome {

        private final String mailbox;
        private final IncomingMessage message;
        private final String sha256;
        private final String messageId;
        private final String sender;
        private final String returnPath;
        private final String subject;
        private final long size;
        private String mailClass;
        private String action;
        private String disposition;
        private String ticketId;
        private String reasons;
        private Long answerOutboxId;
        private String answerTo;
        private Long duplicateOf;

        private Outcome(String mailbox, IncomingMessage message, String sha256, String messageId, String sender,
                        String returnPath, String subject, long size) {
            this.mailbox = mailbox;
            this.message = message;
            this.sha256 = sha256;
            this.messageId = messageId;
            this.sender = sender;
            this.returnPath = returnPath;
            this.subject = subject;
            this.size = size;
        }

        /** The Message-ID as the store keeps it; null when the message has none. */
        String messageId() {
            return messageId;
        }

        /** The first From address as the store keeps it; null when the message has none. */
        String sender() {
            return sender;
        }

        /** The class, the action taken, where the message went, its ticket (null for none) and the reasons. */
        Outcome handled(String mailClass, String action, String disposition, String ticketId, String reasons) {
            this.mailClass = mailClass;
            this.action = action;
            this.disposition = disposition;
            this.ticketId = ticketId;
            this.reasons = reasons;
            return this;
        }

        /** The queued answer's outbox id (null when none was queued) and its recipient (null for none). */
        Outcome answered(Long outboxId, String to) {
            this.answerOutboxId = outboxId;
            this.answerTo = to;
            return this;
        }

        /** The first record of the same bytes; null when this is the first. */
        Outcome duplicateOf(Long firstId) {
            this.duplicateOf = firstId;
            return this;
        }

        /** The record, received at {@code receivedAt}; not yet stored (its id is 0). */
        InboundRecord at(Instant receivedAt) {
            if (mailClass == null) {
                throw new IllegalStateException("an inbound record needs its outcome");
            }
            return new InboundRecord(0, mailbox, message.key(), sha256, messageId, sender, returnPath, subject, size,
                    mailClass, action, disposition, ticketId, reasons, answerOutboxId, answerTo, message.shadow(),
                    duplicateOf, receivedAt);
        }
    }
}
