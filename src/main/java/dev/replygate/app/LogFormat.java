package dev.replygate.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * How log lines are written: {@code text} (one line each, the {@link dev.replygate.logging.LogContext}
 * in brackets) or {@code json} (one JSON object per line, by Logback's own {@code JsonEncoder}).
 * {@code logback.xml} picks the appender named by {@code REPLYGATE_LOG_FORMAT}, a system property or
 * an environment variable; {@code --log-format} sets the property and configures Logback again.
 */
public enum LogFormat {
    TEXT, JSON;

    static final String PROPERTY = "REPLYGATE_LOG_FORMAT";

    /** From now on, logs are written in this format. */
    public void use() {
        String name = name().toLowerCase(Locale.ROOT);
        if (name.equals(System.getProperty(PROPERTY))) {
            return;
        }
        System.setProperty(PROPERTY, name);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                throw new IllegalStateException("cannot configure logging for --log-format " + name, e);
            }
        }
    }
}
