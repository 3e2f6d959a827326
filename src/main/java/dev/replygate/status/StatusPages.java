package dev.replygate.status;

import dev.replygate.notify.PageFilters;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the status pages from the Pebble templates in {@code status/} on the class path, HTML
 * escaped, in English or Persian (right to left, Solar Hijri dates and Persian digits through the
 * notification templates' filters).
 */
final class StatusPages {

    static final List<String> LANGUAGES = List.of("en", "fa");

    private final PebbleEngine engine;

    StatusPages(ZoneId zone) {
        ClasspathLoader loader = new ClasspathLoader(StatusPages.class.getClassLoader());
        loader.setPrefix("status/");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).extension(PageFilters.html(zone))
                .autoEscaping(true).strictVariables(true).build();
    }

    /** The page {@code name} in {@code language} (one of {@link #LANGUAGES}) with {@code model}. */
    String render(String name, String language, Map<String, Object> model) {
        Locale locale = Locale.forLanguageTag(language);
        Map<String, Object> context = new java.util.HashMap<>(model);
        context.put("lang", language);
        context.put("dir", language.equals("fa") ? "rtl" : "ltr");
        StringWriter page = new StringWriter();
        try {
            engine.getTemplate(name).evaluate(page, context, locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return page.toString();
    }
}
