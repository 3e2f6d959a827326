package dev.replygate.outbound;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh store per test: in-memory H2, or a new PostgreSQL database when the system property
 * {@code replygate.test.postgres} names a server ({@code jdbc:postgresql://127.0.0.1:5432/postgres?user=…}),
 * so the same tests check the SQL on both.
 *
 * <p>Without DB_CLOSE_DELAY the H2 database lives while the pool holds a connection (Hikari keeps
 * one idle) and is dropped when the pool closes.
 */
final class TestStore implements AutoCloseable {

    private static final String POSTGRES = System.getProperty("replygate.test.postgres", "");

    final Store store;
    private final String postgresDatabase;

    TestStore() {
        String name = "outbound_" + UUID.randomUUID().toString().replace("-", "");
        if (POSTGRES.isEmpty()) {
            postgresDatabase = null;
            store = Store.open(new StoreConfig("jdbc:h2:mem:" + name, "sa", Secret.empty(), 8));
        } else {
            postgresDatabase = name;
            administer("CREATE DATABASE " + name);
            String url = POSTGRES.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
            store = Store.open(new StoreConfig(url, "", Secret.empty(), 8));
        }
    }

    @Override
    public void close() {
        store.close();
        if (postgresDatabase != null) {
            administer("DROP DATABASE " + postgresDatabase);
        }
    }

    private static void administer(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + POSTGRES, e);
        }
    }
}
