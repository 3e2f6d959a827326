package dev.replygate.mailbox;

import java.time.Instant;
import java.util.Optional;

/**
 * How a mailbox's polls went, as the store keeps it (table {@code mailbox_state}).
 *
 * @param mailbox     the mailbox's name
 * @param lastSuccess when its last successful poll ended
 * @param lastFailure when its last failed poll ended
 * @param lastError   why that poll failed
 * @param node        the node ({@code instance.name}) whose poll of it ended last
 */
public record MailboxState(String mailbox, Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
                           Optional<String> lastError, Optional<String> node) {

    /** What its last polls say ({@link PollHealth#of}). */
    public PollHealth health() {
        return PollHealth.of(lastSuccess, lastFailure);
    }
}
