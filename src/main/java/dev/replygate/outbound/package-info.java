/**
 * Everything replygate sends, from Message-ID to SMTP.
 *
 * <p>A sender (notify, decide) creates a {@link dev.replygate.signing.SignedMessageIds signed
 * Message-ID}, composes the message with {@link dev.replygate.outbound.MailComposer} and puts it in
 * the {@link dev.replygate.outbound.Outbox} inside its own transaction. The delivery job runs
 * {@link dev.replygate.outbound.OutboxDeliverer}, which claims due items through a
 * {@link dev.replygate.outbound.DeliveryQueue} and sends them through the
 * {@link dev.replygate.outbound.SmtpRelay}. Incoming mail is matched to tickets with
 * {@link dev.replygate.signing.SignedMessageIds#verify} and
 * {@link dev.replygate.signing.ReplyTokens#verifyAddress}.
 */
package dev.replygate.outbound;
