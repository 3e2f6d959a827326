/**
 * Operators' digests: what the store recorded in one period (redirected replies and requests,
 * held-back answers, automatic mail, notifications and their bounces, each mailbox's health, a
 * chart of mail per hour or day), rendered from the {@code digest} templates and sent through the
 * outbox once per period and recipient, scheduled by a cron expression per digest.
 */
package dev.replygate.digest;
