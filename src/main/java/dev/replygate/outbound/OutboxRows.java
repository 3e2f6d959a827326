package dev.replygate.outbound;

import dev.replygate.text.HeaderText;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reading and writing {@code outbox} columns. */
final class OutboxRows {

    /** The columns {@link #item} reads, in its order. */
    static final String ITEM_COLUMNS = "id, kind, idempotency_key, message_id, envelope_from, recipient, subject, "
            + "ticket_id, state, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at, retried_at, "
            + "lease_owner, lease_until";

    /** Longest {@code last_error} the column holds. */
    static final int MAX_ERROR_LENGTH = 4000;

    private OutboxRows() {
    }

    static OutboxItem item(ResultSet row) throws SQLException {
        return new OutboxItem(row.getLong(1), OutboxKind.ofDbValue(row.getString(2)), row.getString(3),
                row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getString(8),
                OutboxState.ofDbValue(row.getString(9)), row.getInt(10), instant(row, 11), row.getString(12),
                instant(row, 13), instant(row, 14), instant(row, 15), instant(row, 16), row.getString(17),
                instant(row, 18));
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }

    static String errorText(String error) {
        String cleaned = HeaderText.forHeader(error);
        return cleaned.length() > MAX_ERROR_LENGTH ? cleaned.substring(0, MAX_ERROR_LENGTH) : cleaned;
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
