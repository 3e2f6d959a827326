package dev.replygate.config;

import java.time.Duration;

/**
 * Who this replygate is.
 *
 * @param name            a short name for logs and the loop header value; with several nodes, each node's
 *                        own, which the status page and {@code mailbox list} show
 * @param domain          the domain on the right of every Message-ID replygate creates
 * @param checkInInterval with several nodes on PostgreSQL, how long a node may stay silent before the others
 *                        take its jobs over (it tells them it is alive every quarter of it); a mailbox's read
 *                        lease lasts as long
 */
public record InstanceConfig(String name, String domain, Duration checkInInterval) {

    public static final Duration DEFAULT_CHECK_IN_INTERVAL = Duration.ofSeconds(20);

    public InstanceConfig(String name, String domain) {
        this(name, domain, DEFAULT_CHECK_IN_INTERVAL);
    }
}
