package dev.replygate.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A node's name, held by one live process at a time: a PostgreSQL session-level advisory lock on the name,
 * kept on a connection of its own for as long as the node's scheduler runs. Quartz does not guard its
 * instance id: a second process under a running node's name would, at its first check-in, take the first
 * one's running jobs for those of its own crashed predecessor and run them again beside it.
 *
 * <p>The lock goes with its session: at once when the process exits or is killed (its socket closes), and
 * for a machine that vanished (power loss, cut cable) when the server's TCP keepalive gives up on the
 * session, which this session asks to be within about half a minute.
 */
final class NodeNameClaim implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeNameClaim.class);
    /** Keys replygate's node-name locks apart from any other advisory lock of the database. */
    static final int LOCK_SPACE = 0x72676e31;

    private final Connection session;
    private final String nodeName;

    private NodeNameClaim(Connection session, String nodeName) {
        this.session = session;
        this.nodeName = nodeName;
    }

    /** Claims {@code nodeName}, or throws {@link NodeNameTaken} when a live process has it. */
    static NodeNameClaim take(DataSource dataSource, String nodeName) {
        Connection session = null;
        try {
            session = dataSource.getConnection();
            session.setAutoCommit(true);
            try (Statement keepalive = session.createStatement()) {
                keepalive.execute("SET tcp_keepalives_idle = 10");
                keepalive.execute("SET tcp_keepalives_interval = 5");
                keepalive.execute("SET tcp_keepalives_count = 3");
            }
            if (!lock(session, "SELECT pg_try_advisory_lock(?, hashtext(?))", nodeName)) {
                throw new NodeNameTaken(nodeName);
            }
            return new NodeNameClaim(session, nodeName);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new IllegalStateException("cannot claim the node name '" + nodeName + "' in the store: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static boolean lock(Connection session, String sql, String nodeName) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setInt(1, LOCK_SPACE);
            statement.setString(2, nodeName);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock(session, "SELECT pg_advisory_unlock(?, hashtext(?))", nodeName);
        } catch (SQLException e) {
            log.debug("node name {}: unlock failed, it goes with the session: {}", nodeName, e.getMessage());
        }
        closeQuietly(session);
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the node name's session: {}", e.getMessage());
        }
    }
}
