package dev.replygate.outbound;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;

import java.util.UUID;

/**
 * A fresh in-memory H2 store per test. Without DB_CLOSE_DELAY the database lives while the pool holds
 * a connection (Hikari keeps one idle), and is dropped when the pool closes.
 */
final class TestStore implements AutoCloseable {

    final Store store = Store.open(new StoreConfig("jdbc:h2:mem:outbound-" + UUID.randomUUID(), "sa",
            Secret.empty(), 8));

    @Override
    public void close() {
        store.close();
    }
}
