package dev.replygate.config;

/** Finds where a key path was written in the parsed file. */
final class KeyPositions {

    private final YamlNode.Mapping root;

    KeyPositions(YamlNode.Mapping root) {
        this.root = root;
    }

    /**
     * The position of the value at {@code keyPath} when it is a single value, else of its key (or
     * list item). When the path is not written in the file, the position of the deepest enclosing
     * key that is.
     */
    SourcePosition positionOf(String keyPath) {
        YamlNode node = root;
        SourcePosition position = root.position();
        for (Object segment : KeyPaths.segments(keyPath)) {
            if (segment instanceof String key && node instanceof YamlNode.Mapping mapping
                    && mapping.entries().containsKey(key)) {
                YamlNode.Entry entry = mapping.entries().get(key);
                node = entry.value();
                position = node instanceof YamlNode.Scalar ? node.position() : entry.keyPosition();
            } else if (segment instanceof Integer index && node instanceof YamlNode.Sequence sequence
                    && index < sequence.items().size()) {
                node = sequence.items().get(index);
                position = node.position();
            } else {
                break;
            }
        }
        return position;
    }
}
