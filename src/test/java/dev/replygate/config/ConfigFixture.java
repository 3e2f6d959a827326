package dev.replygate.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Writes config files into a test's folder and loads them with a controlled environment. */
final class ConfigFixture {

    static final String SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
    /** What the shipped config needs from the environment: it has no signing secret of its own. */
    static final Map<String, String> SHIPPED_ENVIRONMENT = Map.of("REPLYGATE_SIGNING_KEY", SIGNING_SECRET);

    /** The smallest valid config: only the required keys. */
    static final String MINIMAL = """
            instance:
              domain: support.example.org
            portal:
              ticket-url: https://portal.example.org/ticket?id={ticket}
              new-ticket-url: https://portal.example.org/new
              signup-url: https://portal.example.org/signup
              client-area-url: https://portal.example.org/
            sender:
              from: help@example.org
            signing:
              active-key: k1
              keys:
                - id: k1
                  secret: %s
            """.formatted(SIGNING_SECRET);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path dir;
    private Function<String, String> environment = name -> null;

    ConfigFixture(Path dir) {
        this.dir = dir;
    }

    ConfigFixture withEnvironment(Map<String, String> variables) {
        this.environment = variables::get;
        return this;
    }

    Path dir() {
        return dir;
    }

    Path write(String yaml) {
        return writeFile("replygate.yaml", yaml);
    }

    Path writeFile(String name, String content) {
        return writeBytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Path writeBytes(String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the minimal config with {@code value} set at the dotted {@code keyPath}. */
    Path writeMinimalWith(String keyPath, Object value) {
        Map<String, Object> tree = minimalTree();
        set(tree, keyPath, value);
        try {
            return write(YAML.writeValueAsString(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LoadedConfig load(Path file, ConfigCheck... checks) {
        return ConfigLoader.load(file, List.of(checks), environment);
    }

    LoadedConfig load(String yaml) {
        return load(write(yaml));
    }

    ConfigException loadFailing(Path file, ConfigCheck... checks) {
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> load(file, checks));
        assertThat(failure).as("loading %s should fail", file).isNotNull();
        return failure;
    }

    ConfigException loadFailing(String yaml) {
        return loadFailing(write(yaml));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> minimalTree() {
        try {
            return YAML.readValue(MINIMAL, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, String keyPath, Object value) {
        String[] keys = keyPath.split("\\.");
        Map<String, Object> map = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            map = (Map<String, Object>) map.computeIfAbsent(keys[i], key -> new LinkedHashMap<String, Object>());
        }
        map.put(keys[keys.length - 1], value);
    }
}
