package dev.replygate.config;

import java.time.Duration;

/**
 * How long the store keeps what it no longer needs for work.
 *
 * @param records    inbound records, the answer log and notifications, after they were made
 * @param sentOutbox sent outbox items (answers and other mail that is not a notification), after sending
 * @param batchSize  rows deleted in one transaction, so that a purge never holds locks for long
 */
public record RetentionConfig(Duration records, Duration sentOutbox, int batchSize) {
}
