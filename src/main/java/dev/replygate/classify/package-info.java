/**
 * Classify: turns a parsed message into a {@link dev.replygate.classify.Verdict} with every reason.
 *
 * <h2>Automatic mail</h2>
 * Each signal of {@code AUTOMATIC-MAIL.md} is a named {@link dev.replygate.classify.AutomatedMailRule}
 * ({@link dev.replygate.classify.AutomatedMailRules#strong()}); any one strong rule makes a message
 * automatic, and every rule that fired is recorded. Weak signals
 * ({@link dev.replygate.classify.AutomatedMailRules#weakSubject()},
 * {@link dev.replygate.classify.AutomatedMailRules#weakHeader()}) only break a tie: with no strong rule,
 * a message is automatic exactly when a weak <em>subject</em> signal (it begins like an auto-reply or a
 * bounce, in one of several languages) and a weak <em>header</em> signal (another {@code Precedence},
 * another {@code X-Loop}, a bounce or VERP Return-Path other than From, no Return-Path at all) both
 * fired; it then takes the class of the subject signal. One weak signal, or several of one kind, never
 * decide. A missing Return-Path is not the null path {@code <>}: only {@code <>} or an empty header is
 * strong.
 *
 * <h2>Class</h2>
 * The strongest class that fired wins: loop, bounce, report, spam, auto-reply, list, bulk
 * ({@link dev.replygate.classify.MailClass#PRECEDENCE}). Delivery facts then correct it: failed or
 * delayed recipients make a bounce of anything but a loop; a delivery report whose recipients all
 * succeeded is a report. Human mail is {@code reply} (tied to a ticket) or {@code new}.
 *
 * <h2>Trust</h2>
 * A reply or a bounce is tied to a ticket by a signature of ours ({@link dev.replygate.classify.TicketSignatures}):
 * a signed Message-ID in In-Reply-To/References or quoted by a bounce, a signed reply address, a body
 * marker carrying a signed Message-ID. An admin's subject pattern also ties a reply, unsigned.
 */
package dev.replygate.classify;
