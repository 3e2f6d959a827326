package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.config.EffectiveConfig;
import dev.replygate.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validates the configuration, templates included, and prints the effective values "
                + "with secrets masked. Exit 78 lists every problem with its file, line and key.")
final class CheckConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoadedConfig loaded = ConfigFiles.load(configOption.file);
        var out = spec.commandLine().getOut();
        EffectiveConfig.describe(loaded.config()).forEach(out::println);
        out.println("configuration OK: " + loaded.file());
        out.flush();
        return ExitCodes.OK;
    }
}
