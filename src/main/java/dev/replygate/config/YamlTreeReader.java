package dev.replygate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a tree of {@link YamlNode}s that keep their positions. Jackson's streaming
 * parser is used rather than data binding because binding stops at the first error and forgets
 * where values were written. Duplicate keys, aliases and extra documents are reported as problems;
 * a syntax error ends the reading.
 */
final class YamlTreeReader {

    /** Makes {@code key:} with nothing after it a null, while {@code key: ""} stays an empty string. */
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private final YAMLParser parser;
    private final ProblemList problems;

    private YamlTreeReader(YAMLParser parser, ProblemList problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * The root node of {@code text}; an empty mapping for a file without content (or only a null).
     *
     * @throws ConfigException on a syntax error, with the problems found so far
     */
    static YamlNode read(String text, ProblemList problems) {
        try (YAMLParser parser = YAML.createParser(new StringReader(text))) {
            if (parser.nextToken() == null) {
                return YamlNode.Mapping.empty(SourcePosition.START);
            }
            YamlTreeReader reader = new YamlTreeReader(parser, problems);
            YamlNode root = reader.node("");
            if (parser.nextToken() != null) {
                problems.add("", reader.position(), "the file holds more than one YAML document (---); keep one");
            }
            return YamlNode.isNull(root) ? YamlNode.Mapping.empty(root.position()) : root;
        } catch (JsonProcessingException e) {
            addSyntaxError(e, problems);
            throw problems.toException();
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string failed", e);
        }
    }

    private YamlNode node(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return mapping(path);
        }
        if (token == JsonToken.START_ARRAY) {
            return sequence(path);
        }
        if (parser.isCurrentAlias()) {
            problems.add(path, position(), "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
            return new YamlNode.Scalar(null, position());
        }
        return new YamlNode.Scalar(token == JsonToken.VALUE_NULL ? null : parser.getText(), position());
    }

    private YamlNode mapping(String path) throws IOException {
        SourcePosition start = position();
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourcePosition keyPosition = position();
            String keyPath = KeyPaths.child(path, key);
            parser.nextToken();
            YamlNode value = node(keyPath);
            YamlNode.Entry first = entries.putIfAbsent(key, new YamlNode.Entry(key, keyPosition, value));
            if (first != null) {
                problems.add(keyPath, keyPosition,
                        "duplicate key; it is already set at line " + first.keyPosition().line());
            }
        }
        return new YamlNode.Mapping(Collections.unmodifiableMap(entries), start);
    }

    private YamlNode sequence(String path) throws IOException {
        SourcePosition start = position();
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(KeyPaths.item(path, items.size())));
        }
        return new YamlNode.Sequence(List.copyOf(items), start);
    }

    private SourcePosition position() {
        return positionOf(parser.currentTokenLocation());
    }

    private static SourcePosition positionOf(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? SourcePosition.NONE
                : new SourcePosition(location.getLineNr(), location.getColumnNr());
    }

    private static void addSyntaxError(JsonProcessingException e, ProblemList problems) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            StringBuilder message = new StringBuilder("YAML syntax error: ").append(marked.getProblem());
            if (marked.getContext() != null) {
                message.append(" (").append(marked.getContext());
                Mark context = marked.getContextMark();
                if (context != null) {
                    message.append(" at line ").append(context.getLine() + 1)
                            .append(", column ").append(context.getColumn() + 1);
                }
                message.append(')');
            }
            problems.add("", new SourcePosition(at.getLine() + 1, at.getColumn() + 1), message.toString());
        } else {
            problems.add("", positionOf(e.getLocation()), "YAML syntax error: " + e.getOriginalMessage());
        }
    }
}
