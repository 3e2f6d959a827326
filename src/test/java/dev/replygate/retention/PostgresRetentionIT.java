package dev.replygate.retention;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.PostgresServer;

import java.nio.file.Path;

/** {@link RetentionUnderLoadContract} on PostgreSQL, the store of several nodes. */
class PostgresRetentionIT extends RetentionUnderLoadContract {

    @Override
    StoreConfig store(Path dir) {
        return PostgresServer.shared().createDatabase("retention").storeConfig();
    }
}
