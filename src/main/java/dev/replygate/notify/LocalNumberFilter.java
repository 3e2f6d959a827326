package dev.replygate.notify;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Map;

/**
 * {@code {{ counts.redirected | localnumber }}}: a count in the reader's digits (۱۲ in Persian).
 * Not for ticket numbers, which stay ASCII so they can be copied and searched.
 */
final class LocalNumberFilter implements Filter {

    private final LocaleFormats formats;

    LocalNumberFilter(LocaleFormats formats) {
        this.formats = formats;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) {
        try {
            return formats.number(input, context.getLocale());
        } catch (TemplateException e) {
            throw new PebbleException(e, "localnumber: " + e.getMessage(), lineNumber, self.getName());
        }
    }
}
