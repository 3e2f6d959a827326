package dev.replygate.testsupport;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;

import java.nio.file.Path;

/** Store configurations for tests. For PostgreSQL see {@link PostgresDatabase#storeConfig()}. */
public final class StoreConfigs {

    private StoreConfigs() {
    }

    /** An H2 file database in {@code folder} (a {@code @TempDir}), as the daemon's default. */
    public static StoreConfig h2In(Path folder) {
        return h2(jdbcH2File(folder));
    }

    /** An H2 database at {@code url}, with the default user and no password. */
    public static StoreConfig h2(String url) {
        return new StoreConfig(url, "sa", Secret.empty(), 4);
    }

    public static String jdbcH2File(Path folder) {
        return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("replygate");
    }
}
