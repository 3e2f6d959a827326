package dev.replygate.config;

import java.util.List;
import java.util.Map;

/** A parsed YAML node that remembers where it was written. */
sealed interface YamlNode {

    SourcePosition position();

    /** What kind of node this is, for messages: "a mapping", "a list" or "a single value". */
    String kind();

    /** A scalar; {@code text} is null for a YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(String text, SourcePosition position) implements YamlNode {

        boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return "a single value";
        }
    }

    record Sequence(List<YamlNode> items, SourcePosition position) implements YamlNode {

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping; its entries keep the order they were written in. */
    record Mapping(Map<String, Entry> entries, SourcePosition position) implements YamlNode {

        static Mapping empty(SourcePosition position) {
            return new Mapping(Map.of(), position);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, SourcePosition keyPosition, YamlNode value) {
    }

    static boolean isNull(YamlNode node) {
        return node instanceof Scalar scalar && scalar.isNull();
    }
}
