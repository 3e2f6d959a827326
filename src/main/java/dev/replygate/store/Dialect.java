package dev.replygate.store;

import dev.replygate.config.StoreConfig;

/** The databases replygate runs on. */
public enum Dialect {
    H2, POSTGRESQL;

    /** The database {@code config}'s URL names ({@link StoreConfig} tells, as its validation does). */
    static Dialect of(StoreConfig config) {
        if (config.isPostgresql()) {
            return POSTGRESQL;
        }
        if (config.isH2()) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:h2: or jdbc:postgresql:): "
                + config.maskedUrl());
    }
}
