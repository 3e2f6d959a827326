package dev.replygate.decide;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Locale;

/**
 * The language to answer a message in when no notification of ours tells the customer's language:
 * the message's Content-Language when we offer it, Persian when it is written in Arabic script and we
 * offer Persian, else the default.
 */
final class AnswerLanguage {

    private static final String PERSIAN = "fa";

    private final String defaultLocale;
    private final List<String> locales;

    AnswerLanguage(String defaultLocale, List<String> locales) {
        this.defaultLocale = defaultLocale;
        this.locales = List.copyOf(locales);
    }

    String of(ParsedMail mail) {
        String declared = mail.header("Content-Language").map(AnswerLanguage::firstLanguage).orElse("");
        if (!declared.isEmpty() && offers(declared)) {
            return declared;
        }
        if (offers(PERSIAN) && (hasArabicScript(mail.subject()) || hasArabicScript(mail.text()))) {
            return PERSIAN;
        }
        return defaultLocale;
    }

    private boolean offers(String language) {
        return locales.stream().anyMatch(locale -> locale.equalsIgnoreCase(language)
                || locale.toLowerCase(Locale.ROOT).startsWith(language.toLowerCase(Locale.ROOT) + "-"));
    }

    private static String firstLanguage(String header) {
        String first = header.split(",", 2)[0].strip();
        return first.split("-", 2)[0].toLowerCase(Locale.ROOT);
    }

    private static boolean hasArabicScript(String text) {
        return text != null && text.codePoints().limit(2000)
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC
                        && Character.isLetter(c));
    }
}
