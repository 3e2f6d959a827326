package dev.replygate.schedule;

import dev.replygate.store.Store;
import dev.replygate.testsupport.PostgresDatabase;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The node's name after its session in the store ended while the node runs (PostgreSQL restarted, the backend
 * terminated, a long network cut): the node takes its name back, or stops when another process has it by then.
 */
class NodeNameClaimPostgresIT {

    /** The claim looks at its lock every quarter of it. */
    private static final Duration CHECK_IN = Duration.ofSeconds(1);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private PostgresDatabase database;
    private Store store;
    private final List<NodeNameTaken> taken = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = PostgresServer.shared().createDatabase("node_name");
        store = Store.open(database.storeConfig());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aClaimWhoseSessionWasTerminatedIsTakenBackAtOnce() throws SQLException {
        try (StageScheduler node = startNode("node-a");
             Connection admin = connect()) {
            int first = holder(admin, "node-a");
            terminate(admin, first);

            await().atMost(LIMIT).until(() -> holderOrZero(admin, "node-a") > 0);
            assertThat(holder(admin, "node-a")).as("held again, on a new session").isNotEqualTo(first);
            assertThatThrownBy(() -> new StageScheduler("node-a", clustered()))
                    .as("a twin is refused again").isInstanceOf(NodeNameTaken.class);
            assertThat(node.isRunning()).as("the node goes on").isTrue();
            assertThat(taken).isEmpty();
        }
    }

    @Test
    void aNodeWhoseNameAnotherProcessTookWhileItsClaimWasLostStops() throws Exception {
        try (StageScheduler node = startNode("node-a");
             Connection admin = connect();
             Connection twin = connect()) {
            int first = holder(admin, "node-a");
            // queued behind the node's lock: PostgreSQL hands the lock to it the moment the node's session ends
            CompletableFuture<Void> twinLocked = CompletableFuture.runAsync(() -> lockWaiting(twin, "node-a"));
            await().atMost(LIMIT).until(() -> waiters(admin, "node-a") == 1);

            terminate(admin, first);

            twinLocked.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            await().atMost(LIMIT).until(() -> !taken.isEmpty());
            assertThat(taken).singleElement().satisfies(why -> assertThat(why.getMessage())
                    .contains("node 'node-a' lost its name's lock in the store")
                    .contains("another live process runs as node 'node-a' now")
                    .contains("stops its stages and exits"));
            assertThat(node.isRunning()).as("no new run starts on the node").isFalse();
            assertThat(holder(admin, "node-a")).as("the twin keeps the name").isEqualTo(pid(twin));
        }
    }

    /**
     * The claim's session stops answering (a network cut shorter than the store's keepalive, a stalled server)
     * while the store keeps it, and the lock with it: the claim's new session finds the name held by that one,
     * this process's own former session, not another process. The claim ends it and takes its name back; the
     * node goes on, it does not stop as if a twin had started.
     */
    @Test
    void aNameStillHeldByTheClaimsOwnFormerSessionIsTakenBack() throws SQLException {
        Stalling stalling = new Stalling(store.dataSource());
        try (Connection admin = connect();
             NodeNameClaim claim = NodeNameClaim.take(stalling.dataSource(), "node-a", CHECK_IN, taken::add)) {
            int first = holder(admin, "node-a");

            stalling.stall();

            // one look per poll: two would see the old holder, then none while the old session is being ended
            await().atMost(LIMIT).until(() -> {
                int holder = holderOrZero(admin, "node-a");
                return !taken.isEmpty() || holder > 0 && holder != first;
            });
            assertThat(taken).as("no other process has the name").isEmpty();
            assertThat(holder(admin, "node-a")).as("held again, on a new session").isNotEqualTo(first);
            await().atMost(LIMIT).until(() -> !alive(admin, first));
        } finally {
            stalling.closeStalled();
        }
    }

    /**
     * Hands out the pool's connections; once {@link #stall}ed, those handed out so far no longer answer and
     * closing them leaves them open, as the store keeps a session whose client it cannot reach.
     */
    private static final class Stalling implements InvocationHandler {
        private final DataSource pool;
        private final List<Connection> handedOut = new CopyOnWriteArrayList<>();
        private final List<Connection> stalled = new CopyOnWriteArrayList<>();

        Stalling(DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(pool, method, args);
            if (result instanceof Connection connection) {
                handedOut.add(connection);
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (p, m, a) -> {
                            if (stalled.contains(connection) && m.getName().equals("isValid")) {
                                return false;
                            }
                            if (stalled.contains(connection)
                                    && (m.getName().equals("close") || m.getName().equals("abort"))) {
                                return null; // our end gave it up; the store keeps the session till keepalive
                            }
                            return call(connection, m, a);
                        });
            }
            return result;
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, this);
        }

        void stall() {
            stalled.addAll(handedOut);
        }

        void closeStalled() throws SQLException {
            for (Connection connection : stalled) {
                connection.close();
            }
        }
    }

    private static boolean alive(Connection admin, int pid) throws SQLException {
        try (PreparedStatement select = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
            select.setInt(1, pid);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }

    /**
     * A look at the lock that fails while the claim's session lives on and holds it: that session is dropped, never
     * given back to the pool holding the name (a stage would hold it then, and the next claim of this process
     * would meet it there, or take it again on top on the same session, where an unlock leaves it held).
     */
    @Test
    void aSessionWhoseCheckFailedNeverGoesBackToThePoolHoldingTheName() throws SQLException {
        AtomicBoolean failChecks = new AtomicBoolean();
        DataSource failing = proxied(store.dataSource(), (connection, method, args) -> {
            if (failChecks.get() && method.getName().equals("prepareStatement")
                    && String.valueOf(args[0]).contains("WHERE pid = pg_backend_pid() AND")) {
                failChecks.set(false);
                throw new SQLException("canceling statement due to statement timeout", "57014");
            }
            return null;
        });
        try (Connection admin = connect()) {
            try (NodeNameClaim claim = NodeNameClaim.take(failing, "node-a", CHECK_IN, taken::add)) {
                int first = holder(admin, "node-a");

                failChecks.set(true);

                await().atMost(LIMIT).until(() -> !failChecks.get());
                await().atMost(LIMIT).until(() -> {
                    int holder = holderOrZero(admin, "node-a");
                    return holder > 0 && holder != first;
                });
                await().atMost(LIMIT).until(() -> !alive(admin, first));
            }
            assertThat(holderOrZero(admin, "node-a")).as("nobody holds the name after the claim closed").isZero();
            try (NodeNameClaim again = NodeNameClaim.take(store.dataSource(), "node-a", CHECK_IN, taken::add)) {
                assertThat(holder(admin, "node-a")).isPositive();
            }
        }
        assertThat(taken).isEmpty();
    }

    @Test
    void aPostgresqlWithoutTheNamesHashIsNamedAsTheProblem() {
        DataSource version10 = proxied(store.dataSource(), (connection, method, args) -> {
            if (method.getName().equals("getMetaData")) {
                DatabaseMetaData real = connection.getMetaData();
                return Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                        new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> switch (m.getName()) {
                            case "getDatabaseMajorVersion" -> 10;
                            case "getDatabaseProductVersion" -> "10.23";
                            default -> call(real, m, a);
                        });
            }
            return null;
        });

        assertThatThrownBy(() -> NodeNameClaim.take(version10, "node-a", CHECK_IN, taken::add))
                .isNotInstanceOf(NodeNameTaken.class)
                .hasMessage("cannot claim the node name 'node-a': the store runs PostgreSQL 10.23, and several nodes"
                        + " need PostgreSQL 11 or newer (a node's name is locked by its 64-bit hash,"
                        + " hashtextextended): upgrade the store's PostgreSQL, or run one node on H2");
    }

    /** What a proxied connection does instead of the real one's method; null to let the real one do it. */
    @FunctionalInterface
    private interface Instead {
        Object call(Connection connection, Method method, Object[] args) throws Throwable;
    }

    /** {@code pool}, whose connections do what {@code instead} says, or else what they do. */
    private static DataSource proxied(DataSource pool, Instead instead) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = call(pool, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                Object done = instead.call(connection, m, a);
                                return done != null ? done : call(connection, m, a);
                            });
                });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Names whose 32-bit hashes are equal (found in the database) are two names: neither refuses the other. */
    @Test
    void twoNamesWithTheSame32BitHashAreClaimedSideBySide() throws SQLException {
        List<String> colliding = new ArrayList<>();
        try (Connection admin = connect();
             PreparedStatement find = admin.prepareStatement("SELECT min(name), max(name) FROM"
                     + " (SELECT 'node-' || i AS name FROM generate_series(1, 300000) i) names"
                     + " GROUP BY hashtext(name) HAVING count(*) > 1 LIMIT 1");
             ResultSet pair = find.executeQuery()) {
            assertThat(pair.next()).as("300 000 names hold a 32-bit collision").isTrue();
            colliding.add(pair.getString(1));
            colliding.add(pair.getString(2));
        }
        try (NodeNameClaim a = NodeNameClaim.take(store.dataSource(), colliding.get(0), CHECK_IN, taken::add);
             NodeNameClaim b = NodeNameClaim.take(store.dataSource(), colliding.get(1), CHECK_IN, taken::add)) {
            assertThatThrownBy(() -> NodeNameClaim.take(store.dataSource(), colliding.get(1), CHECK_IN, taken::add))
                    .as("the same name is still refused").isInstanceOf(NodeNameTaken.class);
        }
        assertThat(taken).isEmpty();
    }

    private StageScheduler startNode(String name) {
        StageScheduler node = new StageScheduler(name, clustered(), taken::add);
        node.every("poll-support", Duration.ofHours(1), () -> { });
        node.start();
        return node;
    }

    private JobStore clustered() {
        return JobStore.clustered(store.dataSource(), CHECK_IN);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
    }

    private static final String NAME_LOCK = "locktype = 'advisory' AND objsubid = 1"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, " + NodeNameClaim.LOCK_SEED + ")";

    /** The backend holding {@code name}'s lock. */
    private static int holder(Connection admin, String name) throws SQLException {
        int pid = holderOrZero(admin, name);
        assertThat(pid).as("a session holds the name %s", name).isPositive();
        return pid;
    }

    private static int holderOrZero(Connection admin, String name) throws SQLException {
        try (PreparedStatement select = admin.prepareStatement("SELECT pid FROM pg_locks WHERE granted AND "
                + NAME_LOCK)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private static int waiters(Connection admin, String name) throws SQLException {
        try (PreparedStatement select = admin.prepareStatement("SELECT count(*) FROM pg_locks WHERE NOT granted"
                + " AND " + NAME_LOCK)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** Ends the backend's session and waits until it is gone, as a restart of PostgreSQL would. */
    private static void terminate(Connection admin, int pid) throws SQLException {
        try (PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?, 30000)")) {
            kill.setInt(1, pid);
            try (ResultSet row = kill.executeQuery()) {
                assertThat(row.next() && row.getBoolean(1)).as("backend %s terminated", pid).isTrue();
            }
        }
    }

    private static void lockWaiting(Connection twin, String name) {
        try (PreparedStatement lock = twin.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, "
                + NodeNameClaim.LOCK_SEED + "))")) {
            lock.setString(1, name);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pid(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT pg_backend_pid()");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }
}
