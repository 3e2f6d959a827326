package dev.replygate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replygate.notify.InvalidNotificationException;
import dev.replygate.notify.JsonVariables;

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
        try {
            return JsonVariables.of(root);
        } catch (InvalidNotificationException e) {
            throw new UserFacingException(file + ": " + e.getMessage(), ExitCodes.USAGE);
        }
    }
}
