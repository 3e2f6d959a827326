package dev.replygate.mailbox;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.Store;

import java.util.UUID;

/** A fresh in-memory H2 store per test; it lives while the store is open. */
final class TestStores {

    private TestStores() {
    }

    static Store h2() {
        return Store.open(new StoreConfig("jdbc:h2:mem:mailbox_" + UUID.randomUUID().toString().replace("-", ""), "sa",
                Secret.empty(), 4));
    }
}
