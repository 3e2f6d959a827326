package dev.replygate.outbound;

import java.util.Locale;

/** Where an outbox item is on its way out. */
public enum OutboxState {
    /** Waiting for its next attempt. */
    QUEUED,
    /** Claimed by a deliverer, whose lease says until when. */
    SENDING,
    /** An SMTP server took it. */
    SENT,
    /** Refused for good, or given up on; {@code outbox retry} queues it again. */
    FAILED;

    String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutboxState ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
