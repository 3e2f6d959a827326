package dev.replygate.inbound;

import dev.replygate.store.Store;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;

/** The mail an outbox item holds, as the inbound stage's tests read it back. */
final class OutboxMail {

    private OutboxMail() {
    }

    static byte[] raw(Store store, long outboxId) {
        return store.inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT raw_message FROM outbox WHERE id = ?")) {
                query.setLong(1, outboxId);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getBytes(1);
                }
            }
        });
    }

    static MimeMessage parsed(Store store, long outboxId) throws MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw(store, outboxId)));
    }
}
