package dev.replygate.outbound;

import dev.replygate.store.Columns;
import dev.replygate.text.HeaderText;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/** Reading and writing {@code outbox} columns. */
final class OutboxRows {

    /** The columns {@link #item} reads. */
    static final String ITEM_COLUMNS = "id, kind, idempotency_key, message_id, envelope_from, recipient, subject, "
            + "ticket_id, state, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at, retried_at, "
            + "lease_owner, lease_until";

    /** Longest {@code last_error} the column holds. */
    static final int MAX_ERROR_LENGTH = 4000;

    private OutboxRows() {
    }

    static OutboxItem item(ResultSet row) throws SQLException {
        return new OutboxItem(row.getLong("id"), OutboxKind.ofDbValue(row.getString("kind")),
                row.getString("idempotency_key"), row.getString("message_id"), row.getString("envelope_from"),
                row.getString("recipient"), row.getString("subject"), row.getString("ticket_id"),
                OutboxState.ofDbValue(row.getString("state")), row.getInt("attempts"),
                Columns.instant(row, "next_attempt_at"), row.getString("last_error"),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"), Columns.instant(row, "sent_at"),
                Columns.instant(row, "retried_at"), row.getString("lease_owner"), Columns.instant(row, "lease_until"));
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }

    static String errorText(String error) {
        String cleaned = HeaderText.forHeader(error);
        return cleaned.length() > MAX_ERROR_LENGTH ? cleaned.substring(0, MAX_ERROR_LENGTH) : cleaned;
    }
}
