package dev.replygate.logging;

import dev.replygate.logging.LogContext;
import org.slf4j.MDC;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a log line is about, in the SLF4J MDC: the mailbox, the message's key in it, the ticket and
 * the outbox item. Set where a message or an outbox item is handled; {@link #close} puts back what
 * was there before, so a context opened inside another (a message inside a mailbox's run) leaves the
 * outer one as it was. Logback prints the keys ({@code logback.xml}); messages do not repeat them.
 */
public final class LogContext implements AutoCloseable {

    public static final String MAILBOX = "mailbox";
    public static final String MESSAGE_KEY = "message_key";
    public static final String TICKET = "ticket";
    public static final String OUTBOX_ID = "outbox_id";
    /** The keys in the order a text line shows them. */
    public static final List<String> KEYS = List.of(MAILBOX, MESSAGE_KEY, TICKET, OUTBOX_ID);

    private final Map<String, String> before = new LinkedHashMap<>();

    private LogContext() {
    }

    /** A context for the work on one mailbox. */
    public static LogContext mailbox(String mailbox) {
        return new LogContext().with(MAILBOX, mailbox);
    }

    /** A context for one message of a mailbox. */
    public static LogContext message(String mailbox, String key) {
        return mailbox(mailbox).with(MESSAGE_KEY, key);
    }

    /** A context for one outbox item, about {@code ticket} (null when about none). */
    public static LogContext outboxItem(Long outboxId, String ticket) {
        return new LogContext().with(OUTBOX_ID, outboxId).with(TICKET, ticket);
    }

    /** Adds {@code key} to this context; a null value removes it until this context is closed. */
    public LogContext with(String key, Object value) {
        if (!before.containsKey(key)) { // not putIfAbsent: it would replace a null, the mark of "nothing before"
            before.put(key, MDC.get(key));
        }
        put(key, value == null ? null : value.toString());
        return this;
    }

    /** Runs {@code action} in this context, then closes it. */
    public void around(Runnable action) {
        try {
            action.run();
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        before.forEach(LogContext::put);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
