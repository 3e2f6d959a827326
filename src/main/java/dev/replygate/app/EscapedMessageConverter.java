package dev.replygate.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %escapedMsg} in logback.xml: the formatted message with every character that could forge
 * a log line escaped ({@link LogEscapes}), whatever the code logged.
 */
public final class EscapedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogEscapes.escape(super.convert(event));
    }
}
