package dev.replygate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.api.ErrorCode;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The durable store: a connection pool on the configured database, migrated on open.
 * Stages hand work to each other through its tables; its unique keys are the authority
 * for exactly-once effects.
 */
public final class Store implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    /** The open lock a short-lived command holds until it closes; null for a long-running process. */
    private final OpenLock heldLock;
    private final String url;
    /** Forces an H2 file onto the disk every second; null for PostgreSQL, memory and read-only stores. */
    private final H2FileSync fileSync;

    private Store(HikariDataSource dataSource, Dialect dialect, OpenLock heldLock, String url, H2FileSync fileSync) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.heldLock = heldLock;
        this.url = url;
        this.fileSync = fileSync;
    }

    /**
     * Opens the pool and brings the schema up to date, for a long-running process (the daemon): on an
     * H2 file it takes turns with other processes only while opening and closing.
     *
     * @throws IllegalArgumentException when the URL is of a database replygate does not run on
     */
    public static Store open(StoreConfig config) {
        return open(config, false);
    }

    /**
     * Opens the store for a short-lived command ({@code notify}, {@code outbox}): on an H2 file it holds
     * the open lock until closed, so commands started together take turns instead of racing over who
     * serves the file.
     */
    public static Store openForCommand(StoreConfig config) {
        return open(config, true);
    }

    private static Store open(StoreConfig config, boolean holdLockUntilClosed) {
        Dialect dialect = Dialect.of(config);
        Optional<Path> h2File = JdbcUrls.h2FilePath(config.url());
        if (h2File.isPresent()) {
            // only a file store starts a server (AUTO_SERVER); an in-memory one never listens
            H2ServerAddress.requireLoopback();
            StoreDirectory.secure(h2File.get());
        }
        OpenLock lock = OpenLock.acquire(config.url()).orElse(null);
        try {
            Store store = connect(config, dialect, holdLockUntilClosed ? lock : null);
            if (!holdLockUntilClosed && lock != null) {
                lock.close();
            }
            return store;
        } catch (RuntimeException e) {
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /**
     * Opens an existing store to read it only ({@code explain}): never creates, migrates, recovers or
     * writes it; every connection is read-only. Empty when there is no store to read: an H2 file not made
     * yet, an in-memory database. An H2 file another process has open is read through that process's
     * server; the open lock is held until closed, so the file's owner neither starts nor stops meanwhile.
     *
     * @throws StoreNotRecoveredException when the H2 file was left open by a process that was killed: it
     *                                     is read after a process that writes has recovered it
     */
    public static Optional<Store> openReadOnly(StoreConfig config) {
        Dialect dialect = Dialect.of(config);
        if (config.url().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:mem:")) {
            return Optional.empty();
        }
        Optional<Path> h2File = JdbcUrls.h2FilePath(config.url());
        if (h2File.isEmpty()) {
            return Optional.of(readOnly(config, config.url(), config.password(), dialect, null));
        }
        Path database = h2File.get();
        if (!Files.isRegularFile(StoreDirectory.dataFile(database))) {
            return Optional.empty();
        }
        H2ServerAddress.requireLoopback();
        Secret password = config.password().isEmpty()
                ? GeneratedPassword.existing(database).orElse(config.password()) : config.password();
        OpenLock lock = OpenLock.acquire(database);
        try {
            try {
                return Optional.of(readOnly(config, JdbcUrls.readingTheFile(config.url()), password, dialect, lock));
            } catch (RuntimeException e) {
                if (!openElsewhere(e)) {
                    throw e;
                }
                if (!H2FileInUse.servedByAnotherProcess(database)) {
                    // H2's lock file outlived a killed process: through "its server" H2 would open the file
                    // itself, read-write, and rewrite it with its own recovery (see H2CrashRecovery)
                    throw new StoreNotRecoveredException("the store " + database + " was left open by a replygate"
                            + " process that was stopped hard (killed, or the machine went down); it is read only"
                            + " once recovered: start the daemon (`replygate run`) once, or run a command that"
                            + " opens it for writing such as `replygate outbox list`, then try again");
                }
                return Optional.of(readOnly(config, JdbcUrls.readingThroughItsServer(config.url()), password, dialect,
                        lock));
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static Store readOnly(StoreConfig config, String url, Secret password, Dialect dialect, OpenLock lock) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("replygate-store-read-only");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.username());
        hikari.setPassword(password.reveal());
        hikari.setMaximumPoolSize(1);
        hikari.setReadOnly(true);
        return new Store(new HikariDataSource(hikari), dialect, lock, config.url(), null);
    }

    /** Whether H2 refused to open the file because another process has it open without a server. */
    private static boolean openElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }

    /**
     * With the configured password; an H2 file store configured without one, with its generated password. A new H2
     * file store is made whole first ({@link NewH2Store}).
     */
    private static Store connect(StoreConfig config, Dialect dialect, OpenLock heldLock) {
        String url = JdbcUrls.effective(config.url());
        Optional<Path> h2File = JdbcUrls.h2FilePath(config.url());
        if (h2File.isEmpty()) {
            return connect(config, url, config.password(), dialect, heldLock, true);
        }
        Path database = h2File.get();
        boolean generated = config.password().isEmpty();
        Secret password = generated ? GeneratedPassword.of(database) : config.password();
        boolean migrate = !NewH2Store.makeIfMissing(config.url(), database, config.username(), password);
        if (!generated) {
            return connect(config, url, password, dialect, heldLock, migrate);
        }
        Connection first = H2Login.connect(url, database, config.username(), password,
                GeneratedPassword.fileOf(database));
        try {
            return connect(config, url, password, dialect, heldLock, migrate);
        } finally {
            closeQuietly(first); // it kept the database open while the pool started: H2 did not close and reopen it
        }
    }

    private static Store connect(StoreConfig config, String url, Secret password, Dialect dialect,
                                 OpenLock heldLock, boolean migrate) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("replygate-store");
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.username());
        hikari.setPassword(password.reveal());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        HikariDataSource dataSource = new HikariDataSource(hikari);
        Optional<Path> h2File = JdbcUrls.h2FilePath(config.url());
        try {
            if (migrate) {
                migrate(dataSource, dialect, h2File.map(StoreDirectory::dataFile));
            }
            h2File.ifPresent(StoreDirectory::secure); // the files H2 has just made
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        H2FileSync fileSync = h2File.isEmpty() ? null : H2FileSync.start(
                () -> DriverManager.getConnection(url, config.username(), password.reveal()), H2FileSync.PERIOD);
        return new Store(dataSource, dialect, heldLock, config.url(), fileSync);
    }

    /** Brings the schema up to date; an H2 file ({@code h2File}) left part made is refused first. */
    private static void migrate(DataSource dataSource, Dialect dialect, Optional<Path> h2File) {
        h2File.ifPresent(file -> UnfinishedStoreRefused.unlessComplete(dataSource, file));
        Flyway flyway = Migrations.flyway(dataSource, dialect);
        if (dialect == Dialect.POSTGRESQL) {
            // several nodes share this store (H2's file has one process at a time: nothing to ask)
            MigrationInfo[] pending = flyway.info().pending();
            if (pending.length > 0) {
                SchemaUpgradeRefused.unlessNoNodeRuns(dataSource, "V" + pending[0].getVersion());
            }
        }
        Migrations.refuseUnconvertible(dataSource);
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            Optional<NewerSchemaRefused> newer = NewerSchemaRefused.of(flyway, e);
            if (newer.isPresent()) {
                throw newer.get();
            }
            throw h2File.map(file -> UnfinishedStoreRefused.afterFailedMigration(dataSource, file, e)).orElse(e);
        }
    }

    /**
     * Tells H2, before anything loads it, to bind the server it starts for a shared file to loopback.
     * Call first thing in a process that may open an H2 file store; {@link #open} refuses to open one
     * when H2 was loaded without it.
     */
    public static void keepEmbeddedServerOnLoopback() {
        H2ServerAddress.prefer();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(TransactionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Rolls back after {@code failure}; a failing rollback is attached to it, not thrown instead. */
    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool has its own connections; this one's end changes nothing
        }
    }

    @Override
    public void close() {
        if (dataSource.isClosed()) {
            return;
        }
        if (fileSync != null) {
            fileSync.close();
        }
        if (heldLock != null) {
            dataSource.close();
            heldLock.close();
            return;
        }
        OpenLock lock = OpenLock.acquire(url).orElse(null);
        try {
            dataSource.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** Work done on one connection inside a transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
