package dev.replygate.digest;

import java.time.Instant;

/**
 * One line of a digest's list: a received message or a notification.
 *
 * @param time    when it was received, or when its notification failed or bounced
 * @param address the sender of a received message; the recipient of a notification
 * @param subject the received message's subject; empty for a notification
 * @param ticket  the ticket it is about; empty for none
 * @param detail  for operators: why an answer was held back, the server's text, the DSN's status
 */
record DigestItem(Instant time, String address, String subject, String ticket, String detail) {

    DigestItem {
        address = address == null ? "" : address;
        subject = subject == null ? "" : subject;
        ticket = ticket == null ? "" : ticket;
        detail = detail == null ? "" : detail;
    }
}
