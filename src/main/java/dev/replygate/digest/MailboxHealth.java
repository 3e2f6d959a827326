package dev.replygate.digest;

import dev.replygate.metrics.Meters;

import java.time.Instant;
import java.util.Optional;

/**
 * What only the process that polls the mailboxes knows of them, beside what the store keeps of every poll:
 * when the failures going on began, and whether IDLE waits. The daemon knows; a command beside it
 * ({@code digest preview}) does not, and shows neither rather than guess.
 */
public interface MailboxHealth {

    /** When the failures of {@code mailbox} that go on began; empty while its last poll succeeded. */
    Optional<Instant> failingSince(String mailbox);

    /** Whether IDLE waits on the server for {@code mailbox}; empty when it does not use IDLE or it is not known. */
    Optional<Boolean> idling(String mailbox);

    /** What the daemon's meters saw. */
    static MailboxHealth of(Meters meters) {
        return new MailboxHealth() {
            @Override
            public Optional<Instant> failingSince(String mailbox) {
                return meters.failingSince(mailbox);
            }

            @Override
            public Optional<Boolean> idling(String mailbox) {
                return meters.idling(mailbox);
            }
        };
    }

    /** For a process that polls no mailbox. */
    static MailboxHealth unknown() {
        return new MailboxHealth() {
            @Override
            public Optional<Instant> failingSince(String mailbox) {
                return Optional.empty();
            }

            @Override
            public Optional<Boolean> idling(String mailbox) {
                return Optional.empty();
            }
        };
    }
}
