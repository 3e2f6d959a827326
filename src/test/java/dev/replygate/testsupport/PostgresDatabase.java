package dev.replygate.testsupport;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;

/** One fresh database in the test cluster; its user needs no password (trust authentication). */
public record PostgresDatabase(String name, String jdbcUrl, String username) {

    /** A store configuration on this database, as the daemon would get it. */
    public StoreConfig storeConfig() {
        return new StoreConfig(jdbcUrl, username, Secret.empty(), 4);
    }

    /** The lines of a config file's {@code store:} section for this database, each after the first indented by two. */
    public String storeSettings() {
        return "url: " + jdbcUrl + "\n  username: " + username + "\n  password: \"\"";
    }
}
