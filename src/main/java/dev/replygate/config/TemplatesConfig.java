package dev.replygate.config;

import java.nio.file.Path;

/**
 * Where admins put templates that override the built-in ones.
 *
 * @param directory searched first; the built-in templates are the fallback
 */
public record TemplatesConfig(Path directory) {
}
