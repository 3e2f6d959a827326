package dev.replygate.store;

/** The databases replygate runs on. */
public enum Dialect {
    H2, POSTGRESQL;

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (use jdbc:h2: or jdbc:postgresql:): "
                + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=******"));
    }
}
