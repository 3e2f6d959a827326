package dev.replygate.notify;

import java.util.regex.Pattern;

/** Locale tags as the portal sends them; a tag picks a template folder, so it is checked strictly. */
final class Locales {

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,3}");

    private Locales() {
    }

    static String requireValidOrDefault(String locale, String defaultLocale) {
        if (locale == null || locale.isBlank()) {
            return defaultLocale;
        }
        String tag = locale.strip().replace('_', '-');
        if (!TAG.matcher(tag).matches()) {
            throw new InvalidNotificationException("locale", "locale must be a language tag such as en, fa or pt-BR: "
                    + locale, null);
        }
        return tag;
    }
}
