package dev.replygate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads the column types every feature's tables share, by column name: a row read by position breaks
 * silently when a query's column list changes.
 */
public final class Columns {

    private Columns() {
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column; null when SQL NULL. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code BIGINT} column that may be SQL NULL. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
