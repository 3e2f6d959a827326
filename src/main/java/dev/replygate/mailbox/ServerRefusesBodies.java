package dev.replygate.mailbox;

import java.io.IOException;

/**
 * The mail server refused a message's body and refuses the other messages' bodies too: its storage is in
 * trouble (a broken index, a full disk), not the message. An outage like a dropped connection, never a
 * {@link BodyRefused}: the run stops, nothing is counted against the message, and the next run tries again.
 */
public final class ServerRefusesBodies extends IOException {

    ServerRefusesBodies(String description) {
        super(description);
    }
}
