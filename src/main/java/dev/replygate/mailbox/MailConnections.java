package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/** Where a poll run gets its connected, logged-in store, and where it gives it back. */
interface MailConnections extends AutoCloseable {

    /** A new connection per run, closed at its end. */
    static MailConnections eachRun(MailboxConfig config) {
        return new MailConnections() {
            @Override
            public Store take() throws MessagingException {
                return MailSessions.connect(config, MailSessions.READ_TIMEOUT);
            }

            @Override
            public void giveBack(Store store, boolean healthy) {
                Closing.connection(store);
            }

            @Override
            public void close() {
                // nothing is kept
            }
        };
    }

    /** A connected store of the mailbox's server, for one run alone. */
    Store take() throws MessagingException;

    /** The run is over; {@code healthy} false when it failed (the store is then never used again). */
    void giveBack(Store store, boolean healthy);

    /** Closes whatever is kept between runs; a later {@link #take} connects again. */
    @Override
    void close();
}
