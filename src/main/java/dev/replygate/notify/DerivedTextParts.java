package dev.replygate.notify;

import dev.replygate.text.FillableText;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The text part of a mail whose template has no text template, derived from its HTML ({@link PlainText#ofHtml}).
 * Parsing each mail's HTML was most of the cost of an answer; the HTML of a template differs from mail to mail
 * only by a few values (the ticket, its link), so each template, locale and set of other values is rendered and
 * converted once with placeholders for the caller's values, and each mail's text is that text filled with its
 * values ({@link FillableText}), or converted from its own HTML whenever filling cannot be shown to give the
 * same text. Thread-safe.
 */
final class DerivedTextParts {

    /** The renderer's own variables: constant for a template and locale, and read by the layout's logic. */
    private static final Set<String> OWN_VARIABLES = Set.of("locale", "dir", "date");
    /** Entries are a few kilobytes; a new day (the {@code date} variable) or a new value starts new ones. */
    private static final int MAX_ENTRIES = 64;

    private final ConcurrentMap<Key, Optional<FillableText>> converted = new ConcurrentHashMap<>();

    /**
     * @param htmlFile the HTML template, part of the key
     * @param locale   the locale it was rendered in
     * @param context  the variables it was rendered with
     * @param html     what it rendered
     * @param render   renders the same template in the same locale with other variables
     */
    String textOf(String htmlFile, Locale locale, Map<String, Object> context, String html,
                  Function<Map<String, Object>, String> render) {
        Map<String, Object> withPlaceholders = new HashMap<>(context);
        Map<String, String> values = new HashMap<>();
        int index = 0;
        for (String name : new TreeSet<>(context.keySet())) {
            if (OWN_VARIABLES.contains(name) || !(context.get(name) instanceof String value) || value.isEmpty()) {
                continue;
            }
            if (!FillableText.canFill(value) || index == FillableText.MAX_PLACEHOLDERS) {
                // such a value (a subject with a tab, say) would be part of the key: a new entry for each mail;
                // and a portal may send more variables than there are placeholders
                return PlainText.ofHtml(html);
            }
            String placeholder = FillableText.placeholder(index++, value);
            withPlaceholders.put(name, placeholder);
            values.put(placeholder, value);
        }
        Key key = new Key(htmlFile, locale, withPlaceholders);
        Optional<FillableText> fillable = converted.get(key);
        if (fillable == null) {
            fillable = fillable(render, withPlaceholders, values);
            if (converted.size() >= MAX_ENTRIES) {
                converted.clear();
            }
            converted.put(key, fillable);
        }
        return fillable.flatMap(text -> text.fill(html, values))
                .map(PlainText::tidy)
                .orElseGet(() -> PlainText.ofHtml(html));
    }

    private static Optional<FillableText> fillable(Function<Map<String, Object>, String> render,
                                                   Map<String, Object> withPlaceholders, Map<String, String> values) {
        try {
            return FillableText.ofOurHtml(render.apply(withPlaceholders), values.keySet());
        } catch (RuntimeException e) {
            // a template may refuse a placeholder where it accepted the value (a filter that reads a number):
            // its mails are then converted one by one, as they rendered
            return Optional.empty();
        }
    }

    private record Key(String htmlFile, Locale locale, Map<String, Object> variables) {
    }
}
