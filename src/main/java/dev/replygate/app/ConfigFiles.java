package dev.replygate.app;

import dev.replygate.config.ConfigLoader;
import dev.replygate.config.LoadedConfig;
import dev.replygate.notify.TemplateCheck;

import java.nio.file.Path;
import java.util.List;

/** Loads a configuration file with every check replygate has, before anything starts. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static LoadedConfig load(Path file) {
        return ConfigLoader.load(file, List.of(new TemplateCheck()));
    }
}
