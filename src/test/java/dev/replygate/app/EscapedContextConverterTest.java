package dev.replygate.app;

import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EscapedContextConverterTest {

    private final EscapedContextConverter converter = new EscapedContextConverter();

    @Test
    void writesTheKeysInTheirOrderAndNothingWithoutThem() {
        assertThat(converter.convert(withMdc(Map.of()))).isEmpty();
        assertThat(converter.convert(withMdc(Map.of("outbox_id", "3", "mailbox", "support", "other", "x"))))
                .isEqualTo(" [mailbox=support outbox_id=3]");
    }

    @Test
    void aValueCannotForgeALogLine() {
        assertThat(converter.convert(withMdc(Map.of("message_key", "pop3:a\nINFO forged\u2028x\u202e"))))
                .isEqualTo(" [message_key=pop3:a\\u000aINFO forged\\u2028x\\u202e]");
    }

    private static LoggingEvent withMdc(Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent();
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
