package dev.replygate.mailbox;

import java.util.Objects;

/**
 * What the inbound stage made of one message of a batch: recorded, and where it goes; or deferred, to be
 * given again next run.
 *
 * @param disposition where the recorded message goes; null when deferred
 * @param deferred    why the message was deferred; null when recorded
 */
public record MessageOutcome(Disposition disposition, MessageDeferred deferred) {

    public MessageOutcome {
        if ((disposition == null) == (deferred == null)) {
            throw new IllegalArgumentException("a message is either recorded or deferred");
        }
    }

    public static MessageOutcome recorded(Disposition disposition) {
        return new MessageOutcome(Objects.requireNonNull(disposition, "the inbound stage returned no disposition"),
                null);
    }

    public static MessageOutcome deferred(MessageDeferred why) {
        return new MessageOutcome(null, why);
    }
}
