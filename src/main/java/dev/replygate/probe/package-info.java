/**
 * Self-tests of a mail server for admins ({@code replygate mailbox test}, {@code replygate smtp test}):
 * each step's finding, and for the first failure one line of diagnosis, its fix and an exit code of
 * its own. Shared by the mailbox and the outbound package; changes nothing anywhere.
 */
package dev.replygate.probe;
