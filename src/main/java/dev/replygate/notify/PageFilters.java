package dev.replygate.notify;

import io.pebbletemplates.pebble.extension.Extension;

import java.time.ZoneId;

/**
 * The filters of the notification templates ({@code isolate}, {@code localdate}, {@code localnumber})
 * for other HTML that replygate renders, such as the status pages: the reader's calendar, digits
 * and bidi isolation, the same as in mail.
 */
public final class PageFilters {

    private PageFilters() {
    }

    public static Extension html(ZoneId zone) {
        return new RenderingExtension(Output.HTML, new LocaleFormats(zone));
    }
}
