package dev.replygate.decide;

import java.util.Locale;

/** What replygate does with a received message. It never changes a ticket: there is no such action. */
public enum Action {
    /** Answer with a link to the portal. */
    REDIRECT,
    /** Record it and do nothing else: automatic mail, or an answer a guard held back. */
    IGNORE,
    /** It could not be read: keep it aside for a person. */
    QUARANTINE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
