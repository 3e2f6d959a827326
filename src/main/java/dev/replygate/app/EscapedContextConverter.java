package dev.replygate.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.replygate.logging.LogContext;

import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code %escapedContext} in logback.xml: the {@link LogContext} keys the line has, as
 * {@code  [mailbox=support message_key=imap:7:12 ticket=4711 outbox_id=3]}, escaped like the message;
 * nothing when it has none.
 */
public final class EscapedContextConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        StringJoiner context = new StringJoiner(" ", " [", "]").setEmptyValue("");
        for (String key : LogContext.KEYS) {
            String value = mdc.get(key);
            if (value != null) {
                context.add(key + "=" + LogEscapes.escape(value));
            }
        }
        return context.toString();
    }
}
