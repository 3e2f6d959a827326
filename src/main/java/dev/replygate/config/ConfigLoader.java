package dev.replygate.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Loads, checks and binds replygate.yaml. Everything wrong with a file is reported at once, each
 * problem at its line and key; see config/replygate.yaml for every key.
 */
public final class ConfigLoader {

    private static final int MAX_CONFIG_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}, substituting environment variables from the process environment.
     *
     * @throws ConfigException with every problem found
     */
    public static LoadedConfig load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file} and runs {@code checks} on it; their problems are reported together with
     * the loader's.
     *
     * @throws ConfigException with every problem found
     */
    public static LoadedConfig load(Path file, List<ConfigCheck> checks) {
        return load(file, checks, System::getenv);
    }

    /**
     * Like {@link #load(Path, List)}, with {@code environment} giving the value of an environment
     * variable, or null when it is unset.
     *
     * @throws ConfigException with every problem found
     */
    public static LoadedConfig load(Path file, List<ConfigCheck> checks, Function<String, String> environment) {
        ProblemList problems = new ProblemList(file);
        String text;
        try {
            text = Utf8Files.read(file, MAX_CONFIG_BYTES);
        } catch (IOException e) {
            problems.add("", SourcePosition.NONE, "cannot read the config file: " + Utf8Files.describe(e));
            throw problems.toException();
        }
        YamlNode root = YamlTreeReader.read(text, problems);
        if (!(root instanceof YamlNode.Mapping mapping)) {
            problems.add("", root.position(), "the file must be a mapping of sections (instance:, portal:, …), not "
                    + root.kind());
            throw problems.toException();
        }
        Path baseDir = file.toAbsolutePath().getParent();
        Binding binding = new Binding(problems, new EnvSubstitution(environment), baseDir, true);
        ReplygateConfig config = new ConfigBinder(baseDir).bind(MappingReader.root(mapping, binding));
        KeyPositions positions = new KeyPositions(mapping);
        ConfigProblems checkProblems = new ConfigProblems(problems, positions);
        for (ConfigCheck check : checks) {
            check.check(config, checkProblems);
        }
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return new LoadedConfig(config, file, positions);
    }

    /**
     * The config of an empty file: every documented default, and for the required keys the example
     * values config/replygate.yaml shows; the signing key is one made for this process, so nothing
     * signed elsewhere verifies with it (use this only where nothing is signed for real, such as
     * {@code replygate explain}). Relative paths are resolved against the working directory. Reads
     * no file and no environment.
     */
    public static ReplygateConfig loadDefaults() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        ProblemList problems = new ProblemList(Path.of("(defaults)"));
        Binding binding = new Binding(problems, new EnvSubstitution(name -> null), workingDirectory, false);
        ReplygateConfig config = new ConfigBinder(workingDirectory)
                .bind(MappingReader.root(YamlNode.Mapping.empty(SourcePosition.START), binding));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the built-in defaults are invalid:\n" + problems.toException().getMessage());
        }
        return config;
    }
}
