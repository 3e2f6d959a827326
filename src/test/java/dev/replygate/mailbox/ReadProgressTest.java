package dev.replygate.mailbox;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;

import java.util.UUID;

/** The read progress queries on H2. */
class ReadProgressTest extends ReadProgressContract {

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:h2:mem:progress_" + UUID.randomUUID().toString().replace("-", ""), "sa",
                Secret.empty(), 4);
    }
}
