package dev.replygate.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A node's name, held by one live process at a time: a PostgreSQL session-level advisory lock on the name,
 * kept on a connection of its own for as long as the node's scheduler runs. Quartz does not guard its
 * instance id: a second process under a running node's name would, at its first check-in, take the first
 * one's running jobs for those of its own crashed predecessor and run them again beside it.
 *
 * <p>The lock goes with its session: at once when the process exits or is killed (its socket closes), and
 * for a machine that vanished (power loss, cut cable) when the server's TCP keepalive gives up on the
 * session, which this session asks to be within about half a minute. It also goes when the session ends
 * while the process lives on (PostgreSQL restarted, the backend terminated, a network cut longer than the
 * keepalive): so the claim looks at its lock every {@code checkEvery} and takes the name again on a new
 * session when it lost it. When another process has the name by then, {@code onTaken} is told, once: this
 * process must stop running as that node.
 */
final class NodeNameClaim implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeNameClaim.class);
    /**
     * The seed of the name's 64-bit hash ({@code hashtextextended}, PostgreSQL 11), replygate's own: its
     * node-name keys are unlikely to meet another application's advisory locks in the same database.
     */
    static final long LOCK_SEED = 0x72676e31L;
    private static final int VALID_TIMEOUT_SECONDS = 5;
    /** How long a start waits for the session of a process that has just ended to end too. */
    private static final Duration ENDING_HOLDER = Duration.ofSeconds(5);
    private static final long RETRY_MILLIS = 100;
    /** The first PostgreSQL with {@code hashtextextended}. */
    private static final int MIN_POSTGRESQL_VERSION = 11;

    private final DataSource dataSource;
    private final String nodeName;
    private final Consumer<NodeNameTaken> onTaken;
    private final ScheduledExecutorService watch;
    /** The session holding the lock; null while lost. Guarded by {@code this}, as the rest below. */
    private Connection session;
    /**
     * The backend that held the lock last, in the store: after {@link #session} stopped answering, the store may
     * keep it, lock included, until its keepalive ends it. Null before the first lock.
     */
    private Backend holder;
    private long key;
    private boolean closed;

    private NodeNameClaim(DataSource dataSource, String nodeName, Consumer<NodeNameTaken> onTaken) {
        this.dataSource = dataSource;
        this.nodeName = nodeName;
        this.onTaken = onTaken;
        this.watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-name-claim");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Claims {@code nodeName}, or throws {@link NodeNameTaken} when a live process has it; then looks after
     * the claim every {@code checkEvery} and tells {@code onTaken} when another process took the name.
     */
    static NodeNameClaim take(DataSource dataSource, String nodeName, Duration checkEvery,
                              Consumer<NodeNameTaken> onTaken) {
        NodeNameClaim claim = new NodeNameClaim(dataSource, nodeName, onTaken);
        try {
            synchronized (claim) {
                claim.lockAtStart();
            }
        } catch (RuntimeException e) {
            claim.watch.shutdownNow();
            throw e;
        }
        long every = Math.max(1, checkEvery.toMillis());
        claim.watch.scheduleWithFixedDelay(claim::check, every, every, TimeUnit.MILLISECONDS);
        return claim;
    }

    /**
     * Takes the lock, waiting a moment for a holder whose process has just ended: its session ends, and the lock
     * with it, only once the store has seen its socket close (a node restarted right after a kill -9).
     */
    private void lockAtStart() {
        long deadline = System.nanoTime() + ENDING_HOLDER.toNanos();
        while (true) {
            try {
                lockOnNewSession();
                return;
            } catch (NodeNameTaken taken) {
                if (System.nanoTime() - deadline > 0) {
                    throw taken;
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw taken;
                }
            }
        }
    }

    /** Takes the lock on a session of its own, or throws {@link NodeNameTaken}. */
    private void lockOnNewSession() {
        Connection fresh = null;
        boolean mayHold = false;
        try {
            fresh = dataSource.getConnection();
            requireHashOfNames(fresh);
            fresh.setAutoCommit(true);
            try (Statement keepalive = fresh.createStatement()) {
                keepalive.execute("SET tcp_keepalives_idle = 10");
                keepalive.execute("SET tcp_keepalives_interval = 5");
                keepalive.execute("SET tcp_keepalives_count = 3");
            }
            try (PreparedStatement lock = fresh.prepareStatement("SELECT k, pg_try_advisory_lock(k), pid,"
                    + " backend_start FROM (SELECT hashtextextended(?, ?) AS k) name, pg_stat_activity"
                    + " WHERE pid = pg_backend_pid()")) {
                lock.setString(1, nodeName);
                lock.setLong(2, LOCK_SEED);
                mayHold = true; // from here on, until the answer says otherwise: the lock may be taken
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next() || !row.getBoolean(2)) {
                        mayHold = false;
                        if (endFormerHolder(fresh)) {
                            throw new IllegalStateException("it is still held by this node's former session, which"
                                    + " no longer answered: that session is ended, the name is taken at the next look");
                        }
                        throw NodeNameTaken.atStart(nodeName);
                    }
                    key = row.getLong(1);
                    holder = new Backend(row.getInt(3), row.getObject(4, OffsetDateTime.class));
                }
            }
            session = fresh;
        } catch (SQLException e) {
            giveUp(fresh, mayHold);
            throw new IllegalStateException("cannot claim the node name '" + nodeName + "' in the store: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            giveUp(fresh, mayHold);
            throw e;
        }
    }

    /**
     * Refuses a PostgreSQL older than 11, which has no 64-bit hash of a name ({@code hashtextextended}): the lock
     * query would fail there with "function hashtextextended(unknown, bigint) does not exist", which does not tell
     * the admin what to do.
     */
    private void requireHashOfNames(Connection connection) throws SQLException {
        DatabaseMetaData database = connection.getMetaData();
        if (database.getDatabaseMajorVersion() < MIN_POSTGRESQL_VERSION) {
            throw new IllegalStateException("cannot claim the node name '" + nodeName + "': the store runs PostgreSQL "
                    + database.getDatabaseProductVersion() + ", and several nodes need PostgreSQL "
                    + MIN_POSTGRESQL_VERSION + " or newer (a node's name is locked by its 64-bit hash,"
                    + " hashtextextended): upgrade the store's PostgreSQL, or run one node on H2");
        }
    }

    /**
     * Ends the claim's former session when it still holds the lock: this process gave it up, so no other process
     * has the name. The backend's start tells it from a later one that has its process id.
     */
    private boolean endFormerHolder(Connection fresh) throws SQLException {
        if (holder == null) {
            return false;
        }
        try (PreparedStatement end = fresh.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE pid = ? AND backend_start = ? AND EXISTS (SELECT 1 FROM pg_locks"
                + " WHERE pid = pg_stat_activity.pid AND " + LOCKED_KEY + ")")) {
            end.setInt(1, holder.pid());
            end.setObject(2, holder.start());
            setKey(end, 3);
            try (ResultSet row = end.executeQuery()) {
                return row.next();
            }
        }
    }

    /** The key's lock, granted, as a row of {@code pg_locks}: its two parameters are set by {@link #setKey}. */
    private static final String LOCKED_KEY = "locktype = 'advisory' AND granted AND objsubid = 1"
            + " AND classid::bigint = ? AND objid::bigint = ?";

    /** A bigint key is kept in {@code pg_locks} as its high and low 32 bits. */
    private void setKey(PreparedStatement statement, int index) throws SQLException {
        statement.setLong(index, key >>> 32);
        statement.setLong(index + 1, key & 0xffffffffL);
    }

    /** A backend of the store: its process id, and when it started. */
    private record Backend(int pid, OffsetDateTime start) {
    }

    /** Whether the claim's session still holds the lock; false too when the session is gone. */
    private boolean holds() {
        try {
            // asked first: a statement on a dead session makes the pool log its failure with a stack trace
            if (!session.isValid(VALID_TIMEOUT_SECONDS)) {
                return false;
            }
        } catch (SQLException e) {
            return false;
        }
        try (PreparedStatement select = session.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                + " WHERE pid = pg_backend_pid() AND " + LOCKED_KEY + ")")) {
            setKey(select, 1);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            log.debug("node name {}: its session does not answer: {}", nodeName, e.getMessage());
            return false;
        }
    }

    /** Looks at the lock, and takes the name again when it was lost. */
    void check() {
        NodeNameTaken taken;
        synchronized (this) {
            if (closed || (session != null && holds())) {
                return;
            }
            boolean justLost = session != null;
            if (justLost) {
                // it may hold the lock still, unseen (a check that failed, a session that stopped answering)
                giveUp(session, true);
                session = null;
            }
            try {
                lockOnNewSession();
                log.warn("node '{}': its name's lock in the store was lost (the store restarted or the connection"
                        + " was cut) and is taken again", nodeName);
                return;
            } catch (NodeNameTaken e) {
                taken = NodeNameTaken.afterLoss(nodeName);
                closed = true;
                watch.shutdown();
            } catch (RuntimeException e) {
                if (justLost) {
                    log.warn("node '{}': its name's lock in the store was lost (the store restarted or the"
                            + " connection was cut) and cannot be taken again yet, trying again: {}", nodeName,
                            e.getMessage());
                } else {
                    log.debug("node '{}': its name cannot be claimed yet: {}", nodeName, e.getMessage());
                }
                return;
            }
        }
        log.error("{}", taken.getMessage());
        onTaken.accept(taken);
    }

    @Override
    public void close() {
        watch.shutdownNow();
        synchronized (this) {
            if (closed && session == null) {
                return;
            }
            closed = true;
            if (session == null) {
                return;
            }
            boolean unlocked = false;
            try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                try (ResultSet row = unlock.executeQuery()) {
                    unlocked = row.next() && row.getBoolean(1);
                }
            } catch (SQLException e) {
                log.debug("node name {}: unlock failed, it goes with the session: {}", nodeName, e.getMessage());
            }
            giveUp(session, !unlocked);
            session = null;
        }
    }

    /**
     * Gives up a session of the claim. One that {@code mayHold} the lock never goes back to the pool, where a stage
     * would hold the node's name unknowingly (and a later claim of this process, finding it held, would take it for
     * another process's): it is aborted, which the pool sees as a broken connection and drops.
     */
    private static void giveUp(Connection connection, boolean mayHold) {
        if (connection == null) {
            return;
        }
        try {
            if (mayHold) {
                connection.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("aborting the node name's session: {}", e.getMessage());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the node name's session: {}", e.getMessage());
        }
    }
}
