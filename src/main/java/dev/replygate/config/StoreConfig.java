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

    /** Whether the store is PostgreSQL (several nodes), not H2. */
    public boolean isPostgresql() {
        return url.startsWith("jdbc:postgresql:");
    }
}
