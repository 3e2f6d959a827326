package dev.replygate.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Locale tags as template folder names, and the order in which folders are tried. */
final class LocaleTags {

    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*");

    private LocaleTags() {
    }

    /**
     * The canonical folder name for a tag: {@code pt_br} and {@code pt-br} give {@code pt-BR}.
     * Empty for null, blank or malformed tags, which callers treat as "no preference".
     */
    static Optional<String> canonical(String tag) {
        if (tag == null || !TAG.matcher(tag.strip()).matches()) {
            return Optional.empty();
        }
        Locale locale = Locale.forLanguageTag(tag.strip().replace('_', '-'));
        if (locale.getLanguage().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(locale.toLanguageTag());
    }

    /** Exact locale, then its language alone, then the default: {@code pt-BR, pt, en}. */
    static List<String> fallbackChain(String requested, String defaultLocale) {
        List<String> chain = new ArrayList<>(3);
        canonical(requested).ifPresent(tag -> {
            chain.add(tag);
            addOnce(chain, Locale.forLanguageTag(tag).getLanguage());
        });
        addOnce(chain, defaultLocale);
        return chain;
    }

    private static void addOnce(List<String> chain, String tag) {
        if (!chain.contains(tag)) {
            chain.add(tag);
        }
    }
}
