package dev.replygate.config;

/**
 * Where replygate keeps its state.
 *
 * @param url      JDBC URL; {@code jdbc:h2:file:…} by default, {@code jdbc:postgresql:…} for several nodes
 * @param username database user (may be empty for H2)
 * @param password database password (secret; may be empty)
 * @param poolSize maximum connections in the pool
 */
public record StoreConfig(String url, String username, Secret password, int poolSize) {

    /**
     * The fewest connections a node on PostgreSQL runs with: its name's claim keeps one for the node's whole
     * life ({@code schedule/NodeNameClaim}); Quartz's clustered job store takes one per check-in and trigger
     * acquisition; the stages one per transaction. With two, Quartz and the stages would take turns on one
     * connection: a stage's transaction waiting on a lock would hold up the node's check-ins until the
     * others declared it dead while it runs. On H2 the jobs stay in memory and nothing is held: 1 will do.
     */
    public static final int MIN_POSTGRESQL_POOL_SIZE = 3;

    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final String H2_PREFIX = "jdbc:h2:";

    /** Whether the store is PostgreSQL (several nodes). */
    public boolean isPostgresql() {
        return isPostgresql(url);
    }

    /** Whether the store is H2 (one node). */
    public boolean isH2() {
        return isH2(url);
    }

    /** The URL with the passwords it may carry masked, for a log or an error. */
    public String maskedUrl() {
        return JdbcUrlMasking.mask(url);
    }

    /** Whether {@code jdbcUrl} names a PostgreSQL store; the one place that tells, with {@link #isH2(String)}. */
    static boolean isPostgresql(String jdbcUrl) {
        return jdbcUrl.startsWith(POSTGRESQL_PREFIX);
    }

    static boolean isH2(String jdbcUrl) {
        return jdbcUrl.startsWith(H2_PREFIX);
    }
}
