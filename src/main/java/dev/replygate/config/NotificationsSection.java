package dev.replygate.config;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds {@code notifications}: distinct locales, a default locale among them, events to templates. */
final class NotificationsSection {

    private static final List<String> DEFAULT_LOCALES = List.of("en", "fa");
    private static final Map<String, String> DEFAULT_EVENTS = defaultEvents();

    private NotificationsSection() {
    }

    static NotificationsConfig bind(MappingReader section) {
        String defaultLocale = section.optional("default-locale", "en", ValueParsers.languageTag());
        List<String> locales = distinctLocales(section,
                section.list("locales", DEFAULT_LOCALES, ValueParsers.languageTag()));
        ZoneId timeZone = section.optional("time-zone", ZoneId.of("UTC"), ValueParsers.timeZone());
        Map<String, String> events = section.map("events", DEFAULT_EVENTS, ValueParsers.name(), ValueParsers.name());
        if (!locales.contains(defaultLocale)) {
            if (section.isValid("default-locale", "locales")) {
                section.reject("default-locale", "`" + defaultLocale + "` is not among "
                        + section.pathOf("locales") + " " + locales);
            }
            defaultLocale = locales.get(0);
        }
        return new NotificationsConfig(defaultLocale, locales, timeZone, events);
    }

    private static List<String> distinctLocales(MappingReader section, List<String> locales) {
        if (locales.isEmpty()) {
            section.reject("locales", "needs at least one locale");
            return DEFAULT_LOCALES;
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String locale : locales) {
            if (!distinct.add(locale)) {
                section.reject("locales", "lists `" + locale + "` more than once");
            }
        }
        return List.copyOf(distinct);
    }

    private static Map<String, String> defaultEvents() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("opened", "ticket-opened");
        events.put("answered", "ticket-answered");
        events.put("closed", "ticket-closed");
        events.put("reminder", "ticket-reminder");
        return Collections.unmodifiableMap(events);
    }
}
