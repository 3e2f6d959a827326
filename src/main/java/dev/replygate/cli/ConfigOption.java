package dev.replygate.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --config FILE} option every command takes. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/replygate.yaml",
            description = "Configuration file (default: ${DEFAULT-VALUE}).")
    Path file;
}
