package dev.replygate.mailbox;

/** The inbound stage returned no outcome for a message of its batch, and no outage that explains why. */
final class NoOutcome extends IllegalStateException {

    NoOutcome() {
        super("the inbound stage gave no outcome for this message");
    }
}
