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
}
