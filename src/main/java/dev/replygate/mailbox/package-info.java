/**
 * Mailbox access: reading IMAP and POP3 mailboxes and applying each message's disposition.
 *
 * <p>A {@link dev.replygate.mailbox.MailboxPoller} per configured mailbox (run by the scheduler, never
 * twice at once for one mailbox) connects, finds what is new (IMAP: UIDs above a cursor kept in
 * the store per UIDVALIDITY; POP3: UIDLs not on the seen list), and gives each message, streamed,
 * to the inbound stage through {@link dev.replygate.mailbox.MessageSink}. The sink records the
 * outcome and any answer in one transaction and returns a {@link dev.replygate.mailbox.Disposition};
 * only then is the message moved, given a keyword, or deleted, one command per batch and outcome.
 * A crash in between leaves the message in place, and the sink's idempotency makes the next run
 * apply the recorded disposition without answering twice. In shadow mode nothing on the server
 * changes. An {@link dev.replygate.mailbox.IdleWatcher} wakes the poll early where IMAP IDLE is
 * offered.
 */
package dev.replygate.mailbox;
