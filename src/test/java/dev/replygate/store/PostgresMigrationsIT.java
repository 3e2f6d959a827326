package dev.replygate.store;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

/** The migrations on a real PostgreSQL server, as several nodes share it. */
class PostgresMigrationsIT extends MigrationsContract {

    @Override
    StoreConfig freshDatabase() {
        return PostgresServer.shared().createDatabase("migrations").storeConfig();
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }
}
