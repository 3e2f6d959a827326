package dev.replygate.mailbox;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;

import java.util.UUID;

/** The mailbox leases on H2. */
class MailboxLeasesTest extends MailboxLeasesContract {

    @Override
    StoreConfig freshDatabase() {
        return new StoreConfig("jdbc:h2:mem:leases_" + UUID.randomUUID().toString().replace("-", ""), "sa",
                Secret.empty(), 4);
    }
}
