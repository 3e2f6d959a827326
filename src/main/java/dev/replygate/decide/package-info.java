/**
 * Decide: from what classify found to one action, behind guards that keep replygate from ever being
 * a backscatter source or a spam cannon.
 *
 * <ul>
 *   <li>{@link dev.replygate.decide.AuthenticationResults} parses the receiving server's
 *       Authentication-Results headers; {@link dev.replygate.decide.SenderAuthentication} trusts only
 *       the configured authserv-ids and says whether a sender address passed DMARC, or aligned SPF or
 *       DKIM.</li>
 *   <li>{@link dev.replygate.decide.AnswerAddressPolicy} picks the one address an answer may go to:
 *       the ticket's notification address for signed replies, an authenticated Return-Path otherwise,
 *       never ours, never the null path.</li>
 *   <li>{@link dev.replygate.decide.AddressedToUs} answers only mail that names the mailbox among its
 *       recipients (RFC 3834 §2).</li>
 *   <li>{@link dev.replygate.decide.AnswerRateLimiter} caps answers per recipient and ticket, and per
 *       recipient and day, in table {@code answer_log}.</li>
 * </ul>
 *
 * Every guard that holds an answer back says why with a {@link dev.replygate.decide.Reason}, whose
 * rule names are stable so that {@code explain} and the digests can show them.
 */
package dev.replygate.decide;

import dev.replygate.classify.Reason;
