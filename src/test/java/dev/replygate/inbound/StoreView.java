package dev.replygate.inbound;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** A look into an instance's store (its H2 file, shared with a running replygate) from the test's side. */
final class StoreView implements AutoCloseable {

    private final Store store;

    StoreView(String jdbcUrl) {
        store = Store.open(new StoreConfig(jdbcUrl, "sa", Secret.empty(), 2));
    }

    /** One row of {@code inbound_message}. */
    record Inbound(String mailbox, String messageKey, String messageId, String mailClass, String action,
                   String disposition, String reasons, Long answerOutboxId, String answerTo, boolean shadow) {
    }

    /** One row of {@code outbox}. */
    record Outgoing(long id, String kind, String messageId, String recipient, String subject, String state,
                    int attempts) {
    }

    List<Inbound> inbound() {
        return store.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT mailbox, message_key, message_id, mail_class, action, disposition, reasons,
                           answer_outbox_id, answer_to, shadow
                    FROM inbound_message ORDER BY id""");
                 ResultSet rows = q.executeQuery()) {
                List<Inbound> out = new ArrayList<>();
                while (rows.next()) {
                    long answerId = rows.getLong(8);
                    Long answer = rows.wasNull() ? null : answerId;
                    out.add(new Inbound(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), answer,
                            rows.getString(9), rows.getBoolean(10)));
                }
                return out;
            }
        });
    }

    List<Outgoing> outbox() {
        return store.inTransaction(c -> {
            try (PreparedStatement q = c.prepareStatement("""
                    SELECT id, kind, message_id, recipient, subject, state, attempts FROM outbox ORDER BY id""");
                 ResultSet rows = q.executeQuery()) {
                List<Outgoing> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new Outgoing(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getInt(7)));
                }
                return out;
            }
        });
    }

    List<Outgoing> answers() {
        return outbox().stream().filter(o -> o.kind().equals("answer")).toList();
    }

    @Override
    public void close() {
        store.close();
    }
}
