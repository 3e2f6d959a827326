package dev.replygate.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Template variables given as JSON (a file for {@code notify}, a field of an API request): names to plain values. */
public final class JsonVariables {

    private JsonVariables() {
    }

    /**
     * A JSON object of strings, numbers or booleans, each as its text.
     *
     * @throws InvalidNotificationException naming the variable that is an object, an array or null
     */
    public static Map<String, String> of(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidNotificationException("variables", "variables must be a JSON object of names to values",
                    null);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new InvalidNotificationException("variables", "variable `" + field.getKey()
                        + "` must be a string, number or boolean", null);
            }
            variables.put(field.getKey(), value.asText());
        }
        return variables;
    }
}
