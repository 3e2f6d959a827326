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
        return getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
}
