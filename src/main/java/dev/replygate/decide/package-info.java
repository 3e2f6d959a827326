/**
 * Decide: from what classify found to one action, behind guards that keep replygate from ever being
 * a backscatter source or a spam cannon.
 *
 * <ul>
 *   <li>{@link dev.replygate.decide.AuthenticationResults} parses the receiving server's
 *       Authentication-Results headers; {@link dev.replygate.decide.SenderAuthentication} believes only
 *       the topmost block of those with a configured authserv-id, lets any trusted failure veto, and says
 *       whether the address itself was authenticated (SPF for exactly it, or DMARC/DKIM for the one From
 *       address).</li>
 *   <li>{@link dev.replygate.decide.AnswerAddressPolicy} picks the one address an answer may go to:
 *       the ticket's notification address for signed replies, an authenticated Return-Path otherwise,
 *       never ours, never the null path.</li>
 *   <li>{@link dev.replygate.decide.AddressedToUs} answers only mail that names the mailbox among its
 *       recipients (RFC 3834 §2).</li>
 *   <li>{@link dev.replygate.decide.AnswerRateLimiter} caps answers per recipient (without +tag) and
 *       ticket, per recipient and day, and per recipient domain and per mailbox and hour, in table
 *       {@code answer_log}.</li>
 * </ul>
 *
 * Every guard that holds an answer back says why with a {@link dev.replygate.classify.Reason}, whose
 * rule names are stable so that {@code explain} and the digests can show them.
 */
package dev.replygate.decide;

import dev.replygate.classify.Reason;
