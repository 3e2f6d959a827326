package dev.replygate.metrics;

import java.time.Instant;
import java.util.Optional;

/**
 * How a mailbox's polls went in this process.
 *
 * @param lastSuccess   when its last successful poll ended
 * @param lastFailure   when its last failed poll ended
 * @param lastError     why that poll failed
 */
public record MailboxPolls(Optional<Instant> lastSuccess, Optional<Instant> lastFailure, Optional<String> lastError) {

    static final MailboxPolls NONE = new MailboxPolls(Optional.empty(), Optional.empty(), Optional.empty());

    MailboxPolls succeeded(Instant at) {
        return new MailboxPolls(Optional.of(at), lastFailure, lastError);
    }

    MailboxPolls failed(Instant at, String error) {
        return new MailboxPolls(lastSuccess, Optional.of(at), Optional.of(error));
    }
}
