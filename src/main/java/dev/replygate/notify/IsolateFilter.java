package dev.replygate.notify;

import dev.replygate.text.Bidi;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/**
 * {@code {{ subject | isolate }}}: keeps a value from outside (a name, a subject, a ticket number, an address)
 * from reordering the text around it, and the text around it from scrambling the value, whatever the directions
 * of the two: a Persian name in an English greeting as much as an address in a Persian one. In HTML it writes
 * {@code <bdi>escaped value</bdi>} in every locale: the same output whatever the value, so that a derived text
 * part is still filled from its template's cached conversion ({@link DerivedTextParts}). In text (subjects, text
 * templates) it writes FSI value PDI in a right-to-left locale, and in a left-to-right one only around a value that
 * holds right-to-left letters or Arabic digits: a left-to-right value cannot reorder left-to-right text.
 * The value's own embeddings, overrides and isolates are removed first.
 */
final class IsolateFilter implements Filter {

    private final Output output;

    IsolateFilter(Output output) {
        this.output = output;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) {
        String value = input == null ? "" : Bidi.stripControls(input.toString());
        if (value.isEmpty()) {
            return ""; // a plain empty string, so {% if x is empty %} still works after the filter
        }
        if (output == Output.TEXT) {
            // white space at the edges would be left inside the isolate, as a space before PDI in a subject
            String stripped = value.strip();
            if (stripped.isEmpty() || !LocaleFormats.isRightToLeft(context.getLocale()) && !needsIsolating(stripped)) {
                return stripped; // isolates would only make a subject an encoded word and show as boxes in old readers
            }
            return Bidi.isolate(stripped);
        }
        // SafeString input is HTML already (e.g. from |raw); anything else is escaped first
        String html = input instanceof SafeString ? value : Html.escape(value);
        return new SafeString("<bdi>" + html + "</bdi>");
    }

    /**
     * Whether {@code value} holds a right-to-left letter or an Arabic-Indic digit (class AN; Persian digits are EN):
     * the only text that can reorder left-to-right text around it.
     */
    private static boolean needsIsolating(String value) {
        char[] chars = value.toCharArray();
        return java.text.Bidi.requiresBidi(chars, 0, chars.length);
    }
}
