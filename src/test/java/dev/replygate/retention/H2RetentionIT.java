package dev.replygate.retention;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.StoreConfigs;

import java.nio.file.Path;

/** {@link RetentionUnderLoadContract} on an H2 file store, the daemon's default. */
class H2RetentionIT extends RetentionUnderLoadContract {

    @Override
    StoreConfig store(Path dir) {
        return StoreConfigs.h2In(dir.resolve("store"));
    }
}
