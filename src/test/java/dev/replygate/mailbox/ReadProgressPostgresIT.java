package dev.replygate.mailbox;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

/** The read progress queries on a real PostgreSQL server, as several nodes share it. */
class ReadProgressPostgresIT extends ReadProgressContract {

    @Override
    StoreConfig freshDatabase() {
        return PostgresServer.shared().createDatabase("progress").storeConfig();
    }
}
