package dev.replygate.config;

import java.time.Duration;

/**
 * Who this replygate is.
 *
 * @param name            a short name for logs and the loop header value; with several nodes, each node's
 *                        own, which the status page and {@code mailbox list} show
 * @param domain          the domain on the right of every Message-ID replygate creates
 * @param checkInInterval with several nodes on PostgreSQL, how often a node tells the others it is alive: a
 *                        node silent for longer loses its jobs to the others
 */
public record InstanceConfig(String name, String domain, Duration checkInInterval) {

    public static final Duration DEFAULT_CHECK_IN_INTERVAL = Duration.ofSeconds(20);

    public InstanceConfig(String name, String domain) {
        this(name, domain, DEFAULT_CHECK_IN_INTERVAL);
    }
}
