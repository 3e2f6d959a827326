package dev.replygate.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the keys of one mapping of the config file as typed values. A problem is recorded where it
 * was written and the getter returns its fallback, so that one pass finds every problem. The keys
 * asked for are the known ones; {@link #rejectUnknownKeys()} reports the others.
 */
final class MappingReader {

    private static final String FILE_TWIN_SUFFIX = "-file";

    private final YamlNode.Mapping mapping;
    private final String path;
    private final SourcePosition position;
    private final Binding binding;
    private final boolean reportMissing;
    private final Set<String> known = new LinkedHashSet<>();

    private MappingReader(YamlNode.Mapping mapping, String path, SourcePosition position, Binding binding,
                          boolean reportMissing) {
        this.mapping = mapping;
        this.path = path;
        this.position = position;
        this.binding = binding;
        this.reportMissing = reportMissing;
    }

    static MappingReader root(YamlNode.Mapping root, Binding binding) {
        return new MappingReader(root, "", root.position(), binding, binding.reportMissing());
    }

    String pathOf(String key) {
        return KeyPaths.child(path, key);
    }

    /** The value of {@code key}; empty when it is not given (absent or null) or invalid. */
    <T> Optional<T> value(String key, ValueParser<T> parser) {
        known.add(key);
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry == null ? Optional.empty() : parse(pathOf(key), entry.value(), parser);
    }

    <T> T optional(String key, T fallback, ValueParser<T> parser) {
        return value(key, parser).orElse(fallback);
    }

    /** Like {@link #value}, and reports the key as missing when it is not given. */
    <T> Optional<T> required(String key, ValueParser<T> parser) {
        reportIfMissing(key);
        return value(key, parser);
    }

    /** A list of single values; the fallback when not given, or when an item is invalid. */
    <T> List<T> list(String key, List<T> fallback, ValueParser<T> parser) {
        known.add(key);
        Optional<YamlNode.Sequence> sequence = node(key, YamlNode.Sequence.class);
        if (sequence.isEmpty()) {
            return fallback;
        }
        List<T> values = new ArrayList<>();
        List<YamlNode> items = sequence.get().items();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = KeyPaths.item(pathOf(key), i);
            if (YamlNode.isNull(items.get(i))) {
                binding.problems().add(itemPath, items.get(i).position(), "empty list item");
            } else {
                parse(itemPath, items.get(i), parser).ifPresent(values::add);
            }
        }
        return values.size() == items.size() ? List.copyOf(values) : fallback;
    }

    /** A mapping of names to single values; the fallback when not given, or when a name or value is invalid. */
    Map<String, String> map(String key, Map<String, String> fallback, ValueParser<String> names,
                            ValueParser<String> values) {
        known.add(key);
        Optional<YamlNode.Mapping> node = node(key, YamlNode.Mapping.class);
        if (node.isEmpty()) {
            return fallback;
        }
        Map<String, String> result = new LinkedHashMap<>();
        boolean valid = true;
        for (YamlNode.Entry entry : node.get().entries().values()) {
            String entryPath = KeyPaths.child(pathOf(key), entry.key());
            Optional<String> name = check(entryPath, entry.keyPosition(), entry.key(), names);
            Optional<String> value = YamlNode.isNull(entry.value())
                    ? reject(entryPath, entry.value().position(), "needs a value")
                    : parse(entryPath, entry.value(), values);
            if (name.isPresent() && value.isPresent()) {
                result.put(name.get(), value.get());
            } else {
                valid = false;
            }
        }
        return valid ? Collections.unmodifiableMap(result) : fallback;
    }

    /**
     * Binds the mapping at {@code key} with {@code binder}, then reports its unknown keys. A key that
     * is not given binds as an empty mapping, so every default applies.
     */
    <T> T section(String key, Function<MappingReader, T> binder) {
        known.add(key);
        YamlNode.Entry entry = mapping.entries().get(key);
        MappingReader section;
        if (entry == null || YamlNode.isNull(entry.value())) {
            SourcePosition at = entry == null ? position : entry.keyPosition();
            section = new MappingReader(YamlNode.Mapping.empty(at), pathOf(key), at, binding, reportMissing);
        } else if (entry.value() instanceof YamlNode.Mapping child) {
            section = new MappingReader(child, pathOf(key), entry.keyPosition(), binding, reportMissing);
        } else {
            mustBe(pathOf(key), entry.value(), YamlNode.Mapping.class);
            // Its keys were not written, so reporting them missing would only repeat this problem.
            section = new MappingReader(YamlNode.Mapping.empty(entry.keyPosition()), pathOf(key),
                    entry.keyPosition(), binding, false);
        }
        T result = binder.apply(section);
        section.rejectUnknownKeys();
        return result;
    }

    /**
     * A required, non-empty list of mappings, each bound by {@code binder} (empty when that item is
     * invalid); empty when not given or when any item is invalid.
     */
    <T> Optional<List<T>> requiredMappingList(String key, Function<MappingReader, Optional<T>> binder) {
        reportIfMissing(key);
        known.add(key);
        Optional<YamlNode.Sequence> sequence = node(key, YamlNode.Sequence.class);
        if (sequence.isEmpty()) {
            return Optional.empty();
        }
        if (sequence.get().items().isEmpty()) {
            return reject(pathOf(key), positionOf(key), "needs at least one entry");
        }
        return items(key, sequence.get(), binder);
    }

    /** Like {@link #list}, for a list that must be given with at least one item; empty on any problem. */
    <T> Optional<List<T>> requiredList(String key, ValueParser<T> parser) {
        reportIfMissing(key);
        if (isGiven(key) && mapping.entries().get(key).value() instanceof YamlNode.Sequence sequence
                && sequence.items().isEmpty()) {
            known.add(key);
            return reject(pathOf(key), positionOf(key), "needs at least one entry");
        }
        List<T> values = list(key, List.of(), parser);
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    /**
     * A list of mappings, each bound by {@code binder} (empty when that item is invalid); the
     * fallback when not given or when any item is invalid. An empty list is a valid value.
     */
    <T> List<T> mappingList(String key, List<T> fallback, Function<MappingReader, Optional<T>> binder) {
        known.add(key);
        Optional<YamlNode.Sequence> sequence = node(key, YamlNode.Sequence.class);
        if (sequence.isEmpty()) {
            return fallback;
        }
        return items(key, sequence.get(), binder).orElse(fallback);
    }

    /**
     * The secret at {@code key}, or read from the file named at its twin {@code key-file} (UTF-8,
     * trailing line breaks removed, a relative name resolved against the config file's folder).
     * Empty when neither is given or on a problem. Messages never contain the secret.
     */
    Secret secret(String key) {
        String fileKey = key + FILE_TWIN_SUFFIX;
        Optional<String> inline = value(key, ValueParser.identity()).filter(text -> !text.isEmpty());
        Optional<String> fileName = value(fileKey, ValueParser.identity()).filter(text -> !text.isEmpty());
        if (inline.isPresent() && fileName.isPresent()) {
            reject(fileKey, "`" + pathOf(key) + "` is set too; give the secret or the file holding it, not both");
            return Secret.empty();
        }
        if (fileName.isPresent()) {
            return check(pathOf(fileKey), positionOf(fileKey), fileName.get(), SecretFiles.in(binding.baseDir()))
                    .orElse(Secret.empty());
        }
        return Secret.of(inline.orElse(""));
    }

    /** Like {@link #secret}, and reports the key as missing when neither it nor its twin gives a secret. */
    Optional<Secret> requiredSecret(String key) {
        Secret secret = secret(key);
        if (!secret.isEmpty()) {
            return Optional.of(secret);
        }
        if (reportMissing && isValid(key, key + FILE_TWIN_SUFFIX)) {
            binding.problems().add(pathOf(key), positionOf(key),
                    "missing required key `" + pathOf(key) + "` (or `" + pathOf(key + FILE_TWIN_SUFFIX) + "`)");
        }
        return Optional.empty();
    }

    /** True when {@code key} is written with a value that is not null. */
    boolean isGiven(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        return entry != null && !YamlNode.isNull(entry.value());
    }

    /** True when no problem was found about any of {@code keys}, so their values are as written or defaults. */
    boolean isValid(String... keys) {
        for (String key : keys) {
            if (binding.problems().isRejected(pathOf(key))) {
                return false;
            }
        }
        return true;
    }

    /** Reports a problem about {@code key}, at its value when written, else where this mapping is. */
    void reject(String key, String message) {
        reject(pathOf(key), positionOf(key), message);
    }

    /** Reports a problem about the secret at {@code key}, at its {@code -file} twin when that gave it. */
    void rejectSecret(String key, String message) {
        reject(isGiven(key + FILE_TWIN_SUFFIX) ? key + FILE_TWIN_SUFFIX : key, message);
    }

    /** Reports every key of this mapping that was not asked for, suggesting the known key it may be a typo of. */
    void rejectUnknownKeys() {
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!known.contains(entry.key())) {
                String unknown = pathOf(entry.key());
                String suggestion = Suggestions.closest(entry.key(), known)
                        .map(key -> "; did you mean `" + key + "`?")
                        .orElse("");
                binding.problems().add(unknown, entry.keyPosition(), "unknown key `" + unknown + "`" + suggestion);
            }
        }
    }

    private <T> Optional<List<T>> items(String key, YamlNode.Sequence sequence,
                                        Function<MappingReader, Optional<T>> binder) {
        List<YamlNode> items = sequence.items();
        List<T> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = KeyPaths.item(pathOf(key), i);
            if (mustBe(itemPath, items.get(i), YamlNode.Mapping.class)) {
                MappingReader item = new MappingReader((YamlNode.Mapping) items.get(i), itemPath,
                        items.get(i).position(), binding, reportMissing);
                binder.apply(item).ifPresent(values::add);
                item.rejectUnknownKeys();
            }
        }
        return values.size() == items.size() ? Optional.of(List.copyOf(values)) : Optional.empty();
    }

    private void reportIfMissing(String key) {
        if (reportMissing && !isGiven(key)) {
            binding.problems().add(pathOf(key), positionOf(key), "missing required key `" + pathOf(key) + "`");
        }
    }

    private SourcePosition positionOf(String key) {
        YamlNode.Entry entry = mapping.entries().get(key);
        if (entry == null) {
            return position;
        }
        return entry.value() instanceof YamlNode.Scalar ? entry.value().position() : entry.keyPosition();
    }

    /** The node at {@code key} when it is given and of the {@code kind} wanted; reports any other kind. */
    private <N extends YamlNode> Optional<N> node(String key, Class<N> kind) {
        YamlNode.Entry entry = mapping.entries().get(key);
        if (entry == null || YamlNode.isNull(entry.value()) || !mustBe(pathOf(key), entry.value(), kind)) {
            return Optional.empty();
        }
        return Optional.of(kind.cast(entry.value()));
    }

    private boolean mustBe(String keyPath, YamlNode node, Class<? extends YamlNode> kind) {
        if (kind.isInstance(node)) {
            return true;
        }
        String wanted = kind == YamlNode.Mapping.class ? "a mapping"
                : kind == YamlNode.Sequence.class ? "a list" : "a single value";
        binding.problems().add(keyPath, node.position(), "must be " + wanted + ", not " + node.kind());
        return false;
    }

    private <T> Optional<T> parse(String keyPath, YamlNode node, ValueParser<T> parser) {
        if (YamlNode.isNull(node) || !mustBe(keyPath, node, YamlNode.Scalar.class)) {
            return Optional.empty();
        }
        String text;
        try {
            text = binding.environment().substitute(((YamlNode.Scalar) node).text());
        } catch (InvalidValueException e) {
            return reject(keyPath, node.position(), e.getMessage());
        }
        return check(keyPath, node.position(), text, parser);
    }

    private <T> Optional<T> check(String keyPath, SourcePosition at, String text, ValueParser<T> parser) {
        try {
            return Optional.of(parser.parse(text));
        } catch (InvalidValueException e) {
            return reject(keyPath, at, e.getMessage());
        }
    }

    private <T> Optional<T> reject(String keyPath, SourcePosition at, String message) {
        binding.problems().add(keyPath, at, message);
        return Optional.empty();
    }
}
