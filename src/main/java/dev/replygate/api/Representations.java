package dev.replygate.api;

import dev.replygate.inbound.InboundRecord;
import dev.replygate.notify.NotificationRecord;
import dev.replygate.notify.Notifications.Bounce;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.OutboxItem;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The API's JSON objects, as openapi.json describes them; times are ISO-8601 instants in UTC. */
final class Representations {

    private Representations() {
    }

    static Map<String, Object> queued(QueuedNotification queued, String self) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", queued.outboxId());
        json.put("messageId", queued.messageId());
        json.put("locale", queued.locale());
        json.put("created", queued.created());
        json.put("href", self);
        return json;
    }

    static Map<String, Object> notification(OutboxItem item, Optional<NotificationRecord> record,
                                            Optional<Bounce> bounce) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id());
        json.put("messageId", item.messageId());
        json.put("ticket", item.ticketId());
        json.put("event", record.map(NotificationRecord::event).orElse(null));
        json.put("recipient", item.recipient());
        json.put("locale", record.map(NotificationRecord::locale).orElse(null));
        json.put("state", item.state().name().toLowerCase(Locale.ROOT));
        json.put("attempts", item.attempts());
        json.put("lastError", item.lastError());
        json.put("createdAt", text(item.createdAt()));
        json.put("nextAttemptAt", text(item.nextAttemptAt()));
        json.put("sentAt", text(item.sentAt()));
        json.put("bounce", bounce.map(Representations::bounce).orElse(null));
        return json;
    }

    private static Map<String, Object> bounce(Bounce bounce) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", bounce.severity());
        json.put("detail", bounce.detail());
        json.put("at", text(bounce.at()));
        return json;
    }

    static Map<String, Object> decision(InboundRecord record, Optional<OutboxItem> answer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", record.id());
        json.put("receivedAt", text(record.receivedAt()));
        json.put("mailbox", record.mailbox());
        json.put("messageId", record.messageId());
        json.put("sender", record.sender());
        json.put("subject", record.subject());
        json.put("ticket", record.ticketId());
        json.put("class", record.mailClass());
        json.put("action", record.action());
        json.put("disposition", record.disposition());
        json.put("reasons", Arrays.stream(record.reasons().split("\n")).filter(line -> !line.isBlank()).toList());
        json.put("shadow", record.shadow());
        json.put("duplicateOf", record.duplicateOf());
        json.put("answer", answer.map(item -> answer(record, item)).orElse(null));
        return json;
    }

    private static Map<String, Object> answer(InboundRecord record, OutboxItem item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id());
        json.put("to", record.answerTo());
        json.put("state", item.state().name().toLowerCase(Locale.ROOT));
        json.put("attempts", item.attempts());
        json.put("lastError", item.lastError());
        json.put("sentAt", text(item.sentAt()));
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
