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

    /** {@code failing} when the last poll failed, {@code ok} when it succeeded, {@code never polled} before one. */
    public String health() {
        if (lastFailure.isPresent() && (lastSuccess.isEmpty() || lastFailure.get().isAfter(lastSuccess.get()))) {
            return "failing";
        }
        return lastSuccess.isPresent() ? "ok" : "never polled";
    }
}
