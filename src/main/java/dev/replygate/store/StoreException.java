package dev.replygate.store;

import java.sql.SQLException;

/** A database failure, unchecked so that stages report it in one place. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** True when the failure is a unique-key violation (SQLState class 23505). */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException sql && isUniqueViolation(sql);
    }

    /** {@link #isUniqueViolation()} for an SQLException not (yet) wrapped. */
    public static boolean isUniqueViolation(SQLException failure) {
        return "23505".equals(failure.getSQLState());
    }

    /**
     * True when the database refused the data written, not the connection or the statement: a data
     * exception (SQLState class 22: a value too long, out of range, malformed) or an integrity
     * constraint violation (class 23). Writing the same data again fails the same way; an outage
     * (class 08, a pool timeout, …) does not say anything about the data.
     */
    public boolean isDataError() {
        return getCause() instanceof SQLException sql && isDataError(sql);
    }

    /** {@link #isDataError()} for an SQLException not (yet) wrapped. */
    public static boolean isDataError(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
