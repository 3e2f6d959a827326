package dev.replygate.notify;

import java.util.HashMap;
import java.util.Map;

/**
 * The variables a template sees. Optional variables get an empty default, so strict mode
 * stops only on required ones; a required variable given as null or a blank string counts as
 * missing, so it can never become an empty gap in a customer's mail. The renderer's own
 * variables ({@code locale}, {@code dir}, {@code date}) win over the caller's.
 * config/templates/README.md lists which template uses what.
 */
final class TemplateVariables {

    static final Map<String, Object> OPTIONAL = Map.of(
            "recipientName", "",
            "department", "",
            "status", "",
            "operator", "",
            "lastReplyDate", "",
            // no longer given (an answer carries none of the stranger's words); kept empty so that an admin's
            // template written for an earlier version still renders
            "originalSubject", "");

    private TemplateVariables() {
    }

    static Map<String, Object> prepare(Map<String, ?> caller, Map<String, Object> supplied) {
        Map<String, Object> variables = new HashMap<>(OPTIONAL);
        caller.forEach((name, value) -> {
            if (value != null && !(isBlank(value) && !OPTIONAL.containsKey(name))) {
                variables.put(name, value);
            }
        });
        variables.putAll(supplied);
        return variables;
    }

    private static boolean isBlank(Object value) {
        return value instanceof CharSequence text && text.toString().isBlank();
    }
}
