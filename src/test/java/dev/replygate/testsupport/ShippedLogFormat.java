package dev.replygate.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The shipped logback.xml in one of its formats, to see how it writes an event. */
public enum ShippedLogFormat {
    TEXT, JSON;

    /** The event as the shipped configuration writes it in this format. */
    public String encode(ILoggingEvent event) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("REPLYGATE_LOG_FORMAT", name().toLowerCase(Locale.ROOT));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(ShippedLogFormat.class.getClassLoader().getResource("logback.xml"));
            OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>)
                    context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
        } catch (JoranException e) {
            throw new IllegalStateException("logback.xml does not configure", e);
        } finally {
            context.stop();
        }
    }
}
