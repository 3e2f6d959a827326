package dev.replygate.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Ticket notifications.
 *
 * @param defaultLocale the locale used when a request names none, or one without templates
 * @param locales       the locales admins support (each needs every template, or falls back)
 * @param timeZone      the zone dates are shown in
 * @param events        event name (opened, answered, …) to template name
 */
public record NotificationsConfig(String defaultLocale, List<String> locales, ZoneId timeZone,
                                  Map<String, String> events) {
}
