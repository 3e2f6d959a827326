package dev.replygate.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway PostgreSQL cluster for tests: made with {@code initdb} in its own temp folder,
 * listening only on 127.0.0.1 on a free port, removed when it is closed. It is fast, not
 * durable ({@code fsync=off}), and trusts every local connection.
 *
 * <p>Tests share one per JVM: {@code PostgresServer.shared().createDatabase("outbox")} gives
 * each test a fresh database. When the server binaries are missing, {@link #shared()} skips
 * the calling test, or fails it under CI.
 */
public final class PostgresServer implements AutoCloseable {

    static final String SUPERUSER = "postgres";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 5;

    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final PostgresBinaries binaries;
    private final ClusterAccount account;
    private final Path folder;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(PostgresBinaries binaries, ClusterAccount account, Path folder, int port) {
        this.binaries = binaries;
        this.account = account;
        this.folder = folder;
        this.port = port;
    }

    /**
     * The cluster of this JVM, started on first use and removed when the JVM exits. Skips the
     * calling test when PostgreSQL is not installed (fails it under CI); fails it when the
     * cluster cannot start.
     */
    public static synchronized PostgresServer shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("the shared PostgreSQL test cluster failed to start", sharedFailure);
        }
        PostgresBinaries binaries = PostgresBinaries.find().orElseGet(() -> Prerequisites.missing(
                "PostgreSQL server binaries not found in " + PostgresBinaries.searched()
                        + "; install them with scripts/install-test-deps.sh"));
        try {
            shared = start(binaries);
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
        PostgresServer server = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(server::closeQuietly, "postgres-test-cluster-stop"));
        return server;
    }

    /** Makes and starts a new cluster; the caller closes it. */
    public static PostgresServer start(PostgresBinaries binaries) {
        ClusterAccount account = ClusterAccount.forThisProcess();
        Path folder = createFolder(account);
        try {
            initialise(binaries, account, folder);
            return startOnFreePort(binaries, account, folder);
        } catch (RuntimeException e) {
            stopImmediately(binaries, account, folder, e);
            LocalServers.deleteRecursively(folder, "the PostgreSQL test cluster");
            throw e;
        }
    }

    /** Creates a new, empty database and tells how to reach it. */
    public PostgresDatabase createDatabase(String nameHint) {
        String name = (nameHint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                + "_" + databases.incrementAndGet());
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + this, e);
        }
        return new PostgresDatabase(name, jdbcUrl(name), SUPERUSER);
    }

    /** JDBC URL of {@code database} in this cluster. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** The folder holding the cluster's data, socket and log. */
    Path folder() {
        return folder;
    }

    /** Stops the server and removes its files. */
    @Override
    public void close() {
        try {
            ExternalCommand.run(account.command(List.of(binaries.pgCtl().toString(), "stop",
                    "-D", dataFolder(folder).toString(), "-m", "fast", "-w", "-t", seconds(WAIT))), folder, WAIT);
        } finally {
            LocalServers.deleteRecursively(folder, "the PostgreSQL test cluster");
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL test cluster on 127.0.0.1:" + port + " in " + folder + " as " + account;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("could not stop " + this + ": " + e.getMessage());
        }
    }

    /** After a failed start a server may still run (pg_ctl gave up waiting): stop it before removing its files. */
    private static void stopImmediately(PostgresBinaries binaries, ClusterAccount account, Path folder,
                                        RuntimeException failure) {
        if (!Files.exists(dataFolder(folder).resolve("postmaster.pid"))) {
            return;
        }
        try {
            ExternalCommand.run(account.command(List.of(binaries.pgCtl().toString(), "stop",
                    "-D", dataFolder(folder).toString(), "-m", "immediate", "-w", "-t", seconds(WAIT))), folder, WAIT);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path createFolder(ClusterAccount account) {
        try {
            Path folder = Files.createTempDirectory("replygate-pg-");
            account.own(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for the PostgreSQL test cluster", e);
        }
    }

    private static void initialise(PostgresBinaries binaries, ClusterAccount account, Path folder) {
        Path data = dataFolder(folder);
        ExternalCommand.run(account.command(List.of(binaries.initdb().toString(),
                "-D", data.toString(), "-U", SUPERUSER, "-A", "trust",
                "--no-locale", "-E", "UTF8", "--no-sync")), folder, WAIT);
        String settings = String.join("\n",
                "",
                "# replygate test cluster",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + folder + "'",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "");
        try {
            Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the PostgreSQL test cluster in " + data, e);
        }
    }

    /** A free port may be taken by another build before the server binds it: then try another. */
    private static PostgresServer startOnFreePort(PostgresBinaries binaries, ClusterAccount account, Path folder) {
        Path log = folder.resolve("postgres.log");
        for (int attempt = 1; ; attempt++) {
            int port = LocalServers.freeLoopbackPort();
            try {
                ExternalCommand.run(account.command(List.of(binaries.pgCtl().toString(), "start",
                        "-D", dataFolder(folder).toString(), "-l", log.toString(),
                        "-o", "-p " + port, "-w", "-t", seconds(WAIT))), folder, WAIT.plusSeconds(10));
                return new PostgresServer(binaries, account, folder, port);
            } catch (IllegalStateException e) {
                String serverLog = read(log);
                boolean portTaken = serverLog.contains("could not bind") || serverLog.contains("already in use");
                if (!portTaken || attempt == START_ATTEMPTS) {
                    throw new IllegalStateException("PostgreSQL test cluster did not start on port " + port
                            + "; server log " + log + ":\n" + serverLog, e);
                }
            }
        }
    }


    private static Path dataFolder(Path folder) {
        return folder.resolve("data");
    }

    private static String seconds(Duration duration) {
        return Long.toString(duration.toSeconds());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

}
