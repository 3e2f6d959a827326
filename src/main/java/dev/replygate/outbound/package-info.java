/**
 * Everything replygate sends, from the composed message to SMTP.
 *
 * <p>A sender (notify, inbound) creates a {@link dev.replygate.signing.SignedMessageIds signed
 * Message-ID}, composes the message with {@link dev.replygate.outbound.MailComposer} and puts it in
 * the {@link dev.replygate.outbound.Outbox} inside its own transaction. Each node's delivery job runs
 * {@link dev.replygate.outbound.OutboxDeliverer}, which claims due items through a
 * {@link dev.replygate.outbound.DeliveryQueue} and sends them through the
 * {@link dev.replygate.outbound.SmtpRelay}. The formats it writes and incoming mail is matched
 * with live in {@link dev.replygate.signing}.
 */
package dev.replygate.outbound;
