package dev.replygate.notify;

import dev.replygate.text.Bidi;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/**
 * {@code {{ ticket | isolate }}}: keeps a left-to-right token (ticket number, address, URL,
 * Latin name) from being scrambled by the bidi algorithm in right-to-left text. In HTML it
 * writes {@code <bdi>escaped value</bdi>}, in text FSI value PDI. In left-to-right locales
 * the surrounding text needs no isolation and the value is written as it is (escaped in HTML).
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
        boolean rightToLeft = LocaleFormats.isRightToLeft(context.getLocale());
        if (output == Output.TEXT) {
            return rightToLeft ? Bidi.isolate(value) : value;
        }
        // SafeString input is HTML already (e.g. from |raw); anything else is escaped first
        String html = input instanceof SafeString ? value : Html.escape(value);
        return new SafeString(rightToLeft ? "<bdi>" + html + "</bdi>" : html);
    }
}
