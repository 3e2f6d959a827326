package dev.replygate.notify;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;

import java.util.Map;

/** replygate's filters: {@code isolate}, {@code localdate}, {@code localnumber}. */
final class RenderingExtension extends AbstractExtension {

    private final Map<String, Filter> filters;

    RenderingExtension(Output output, LocaleFormats formats) {
        this.filters = Map.of(
                "isolate", new IsolateFilter(output),
                "localdate", new LocalDateFilter(formats),
                "localnumber", new LocalNumberFilter(formats));
    }

    @Override
    public Map<String, Filter> getFilters() {
        return filters;
    }
}
