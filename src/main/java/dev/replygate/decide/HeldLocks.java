package dev.replygate.decide;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * The rate-limit lock rows one transaction took ahead ({@link AnswerRateLimiter#lockAhead}): held until that
 * transaction ends, so its later checks need not ask for them again (a {@code SELECT … FOR UPDATE} each).
 * Bound to the connection that took them: on any other, every lock is asked for.
 */
public final class HeldLocks {

    static final HeldLocks NONE = new HeldLocks(null, Set.of());

    private final Connection connection;
    private final Set<String> keys;

    HeldLocks(Connection connection, Set<String> keys) {
        this.connection = connection;
        this.keys = Set.copyOf(keys);
    }

    /** Locks {@code key} in the transaction of {@code on}, unless this transaction holds it already. */
    void lock(Connection on, String key) throws SQLException {
        if (on != connection || !keys.contains(key)) {
            RecipientLock.lock(on, key);
        }
    }
}
