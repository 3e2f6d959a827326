package dev.replygate.outbound;

import java.util.Locale;

/** What an outbox item is: a notification the portal asked for, an answer to received mail, an operators' digest. */
public enum OutboxKind {
    NOTIFICATION, ANSWER, DIGEST;

    /** Its name in lower case, as the store, the logs and the metrics write it. */
    public String label() {
        return dbValue();
    }

    String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutboxKind ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
