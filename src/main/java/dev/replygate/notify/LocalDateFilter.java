package dev.replygate.notify;

import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code {{ lastReplyDate | localdate }}}, {@code | localdate("datetime")} or {@code | localdate("time")}: a date in the
 * reader's calendar, digits and time zone. Empty for an empty value.
 */
final class LocalDateFilter implements Filter {

    private static final String STYLE = "style";

    private final LocaleFormats formats;

    LocalDateFilter(LocaleFormats formats) {
        this.formats = formats;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of(STYLE);
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) {
        Object style = args.get(STYLE);
        try {
            return formats.date(input, context.getLocale(), style == null ? LocaleFormats.DateStyle.DATE
                    : LocaleFormats.DateStyle.valueOf(style.toString().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new PebbleException(e, "localdate takes \"date\", \"datetime\" or \"time\", not \"" + style + "\"",
                    lineNumber, self.getName());
        } catch (TemplateException e) {
            throw new PebbleException(e, "localdate: " + e.getMessage(), lineNumber, self.getName());
        }
    }
}
