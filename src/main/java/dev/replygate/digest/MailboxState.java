package dev.replygate.digest;

import dev.replygate.mailbox.PollHealth;

import java.time.Instant;

/**
 * How one mailbox is doing, as the digest shows it.
 *
 * @param name         its configured name
 * @param state        {@code ok}, {@code failing} or {@code waiting} (not polled yet): {@link PollHealth#key}
 * @param lastSuccess  when its last successful poll ended; null when none is known
 * @param lastError    why its last failed poll failed; empty when none is known
 * @param failingSince when the failures still going on began; null when its last poll succeeded, or when
 *                     another process polls it
 * @param waiting      messages whose processing failed and that wait for another try
 * @param idle         {@code yes} or {@code no} for a mailbox that uses IMAP IDLE; empty when it does not
 *                     use it or it is not known
 */
record MailboxState(String name, String state, Instant lastSuccess, String lastError, Instant failingSince,
                    long waiting, String idle) {

    boolean healthy() {
        return !PollHealth.FAILING.key().equals(state) && waiting == 0;
    }
}
