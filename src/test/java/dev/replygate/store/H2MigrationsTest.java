package dev.replygate.store;

import dev.replygate.config.StoreConfig;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The migrations on an H2 file database, as a single node runs by default. */
class H2MigrationsTest extends MigrationsContract {

    @TempDir
    Path folder;

    @Override
    StoreConfig freshDatabase() {
        return StoreConfigs.h2In(folder);
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.H2;
    }

    @Override
    String identityCachesQuery() {
        return "SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = CURRENT_SCHEMA";
    }

    /** V24: H2 writes the sequence and commits the whole store each time its cache runs out. */
    @Override
    long expectedIdentityCache() {
        return 1000;
    }
}
