package dev.replygate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Template variables given on the command line: a JSON file, then {@code --var key=value} on top. */
final class TemplateVariables {

    private TemplateVariables() {
    }

    static Map<String, String> merge(Path jsonFile, Map<String, String> fromOptions) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (jsonFile != null) {
            variables.putAll(readJson(jsonFile));
        }
        if (fromOptions != null) {
            variables.putAll(fromOptions);
        }
        return variables;
    }

    /** A JSON object of strings, numbers or booleans; anything else is refused with the key named. */
    static Map<String, String> readJson(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.newBufferedReader(file));
        } catch (IOException e) {
            throw new UserFacingException("cannot read variables from " + file + ": " + e.getMessage(),
                    ExitCodes.USAGE);
        }
        if (root == null || !root.isObject()) {
            throw new UserFacingException(file + ": variables must be a JSON object of names to values",
                    ExitCodes.USAGE);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new UserFacingException(file + ": variable `" + field.getKey()
                        + "` must be a string, number or boolean", ExitCodes.USAGE);
            }
            variables.put(field.getKey(), value.asText());
        }
        return variables;
    }
}
