package dev.replygate.config;

/**
 * Who this replygate is.
 *
 * @param name   a short name for logs and the loop header value
 * @param domain the domain on the right of every Message-ID replygate creates
 */
public record InstanceConfig(String name, String domain) {
}
