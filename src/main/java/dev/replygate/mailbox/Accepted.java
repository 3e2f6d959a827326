package dev.replygate.mailbox;

import jakarta.mail.Message;

/**
 * A message the inbound stage has recorded, waiting for its disposition to be applied.
 *
 * @param message     the message on the server
 * @param key         its key, for log lines
 * @param messageId   its Message-ID, cleaned for a log line
 * @param disposition where it goes
 */
record Accepted(Message message, String key, String messageId, Disposition disposition) {
}
