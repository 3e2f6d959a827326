package dev.replygate.outbound;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;
import dev.replygate.testsupport.PostgresServer;

import java.util.UUID;

/**
 * A fresh store per test: in-memory H2, or a new database on the test PostgreSQL server when the
 * system property {@code replygate.test.store} is {@code postgres} (the build runs the outbox and
 * queue tests once more that way), so the same tests check the SQL on both.
 *
 * <p>Without DB_CLOSE_DELAY the H2 database lives while the pool holds a connection (Hikari keeps
 * one idle) and is dropped when the pool closes.
 */
final class TestStore implements AutoCloseable {

    private static final boolean POSTGRES = "postgres".equals(System.getProperty("replygate.test.store", "h2"));

    final Store store;

    TestStore() {
        String name = "outbound_" + UUID.randomUUID().toString().replace("-", "");
        store = Store.open(POSTGRES ? PostgresServer.shared().createDatabase(name).storeConfig()
                : new StoreConfig("jdbc:h2:mem:" + name, "sa", Secret.empty(), 8));
    }

    @Override
    public void close() {
        store.close();
    }
}
