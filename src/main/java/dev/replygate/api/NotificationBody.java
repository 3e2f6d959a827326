package dev.replygate.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replygate.notify.JsonVariables;
import dev.replygate.notify.NotificationRequest;

import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/notifications}: a JSON object of the fields {@code replygate notify}
 * takes as options. Anything else (another field, a field twice, an object where text belongs) is
 * refused with the field named, never guessed at.
 */
final class NotificationBody {

    static final Set<String> FIELDS = Set.of("ticket", "event", "recipient", "name", "locale", "variables",
            "idempotencyKey", "ticketKey");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private NotificationBody() {
    }

    /** @param body the body, decoded as UTF-8 ({@link Utf8Body}): never bytes, whose encoding Jackson would guess */
    static NotificationRequest parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badField(null, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badField(null, "the body must be a JSON object with the fields "
                    + String.join(", ", FIELDS.stream().sorted().toList()));
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw ApiProblem.badField(field.getKey(), "unknown field `" + field.getKey() + "`; known fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        JsonNode variables = root.get("variables");
        return new NotificationRequest(ticket(root), required(root, "event"), required(root, "recipient"),
                optional(root, "name"), optional(root, "locale"),
                variables == null || variables.isNull() ? Map.of() : JsonVariables.of(variables),
                optional(root, "idempotencyKey"), optional(root, "ticketKey"));
    }

    /** A ticket id as text or as a whole number (WHMCS sends its ids as numbers). */
    private static String ticket(JsonNode root) {
        JsonNode ticket = root.get("ticket");
        if (ticket != null && ticket.isIntegralNumber() && ticket.canConvertToLong() && ticket.asLong() >= 0) {
            return Long.toString(ticket.asLong());
        }
        return required(root, "ticket");
    }

    private static String required(JsonNode root, String field) {
        String value = optional(root, field);
        if (value == null) {
            throw ApiProblem.badField(field, "`" + field + "` is required");
        }
        return value;
    }

    private static String optional(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiProblem.badField(field, "`" + field + "` must be a string");
        }
        return value.textValue();
    }
}
