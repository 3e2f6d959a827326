package dev.replygate.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aMessageInsideAMailboxRunLeavesTheRunAsItWas() {
        LogContext run = LogContext.mailbox("support");
        LogContext message = LogContext.message("support", "imap:1:7").with(LogContext.TICKET, "4711")
                .with(LogContext.OUTBOX_ID, 12L);

        assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys(LogContext.KEYS);
        message.close();
        assertThat(MDC.getCopyOfContextMap()).containsExactly(Map.entry(LogContext.MAILBOX, "support"));
        run.close();
        assertThat(MDC.getCopyOfContextMap()).isEmpty();
    }

    @Test
    void aValueSetTwiceIsPutBackToWhatWasThereFirst() {
        LogContext item = LogContext.outboxItem(3L, null);
        item.with(LogContext.OUTBOX_ID, 4L);

        assertThat(MDC.get(LogContext.OUTBOX_ID)).isEqualTo("4");
        assertThat(MDC.get(LogContext.TICKET)).isNull();
        item.close();
        assertThat(MDC.get(LogContext.OUTBOX_ID)).isNull();
    }
}
