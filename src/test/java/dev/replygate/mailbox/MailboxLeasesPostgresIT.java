package dev.replygate.mailbox;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

/** The mailbox leases on a real PostgreSQL server, as several nodes share it. */
class MailboxLeasesPostgresIT extends MailboxLeasesContract {

    @Override
    StoreConfig freshDatabase() {
        return PostgresServer.shared().createDatabase("leases").storeConfig();
    }
}
