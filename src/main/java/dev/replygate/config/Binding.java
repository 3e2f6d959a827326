package dev.replygate.config;

import java.nio.file.Path;

/**
 * What reading one config needs besides the tree.
 *
 * @param problems      where problems go
 * @param environment   substitutes {@code ${VAR}} in values
 * @param baseDir       the config file's folder; relative paths are resolved against it
 * @param reportMissing false to take the documented example for a missing required key silently
 */
record Binding(ProblemList problems, EnvSubstitution environment, Path baseDir, boolean reportMissing) {
}
