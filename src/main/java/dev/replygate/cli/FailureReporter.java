package dev.replygate.cli;

import dev.replygate.config.ConfigException;
import dev.replygate.store.SchemaUpgradeRefused;
import dev.replygate.store.UnfinishedStoreRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Turns what a command throws into one clear message and the right exit code. */
final class FailureReporter implements CommandLine.IExecutionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(FailureReporter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof ConfigException config) {
            commandLine.getErr().println("configuration error:");
            commandLine.getErr().println(config.getMessage());
            commandLine.getErr().flush();
            return ExitCodes.CONFIG;
        }
        if (e instanceof UserFacingException user) {
            commandLine.getErr().println("error: " + user.getMessage());
            commandLine.getErr().flush();
            return user.exitCode();
        }
        if (e instanceof SchemaUpgradeRefused || e instanceof UnfinishedStoreRefused) {
            commandLine.getErr().println("error: " + e.getMessage());
            commandLine.getErr().flush();
            return ExitCodes.FAILURE;
        }
        log.error("{} failed", commandLine.getCommandName(), e);
        commandLine.getErr().println("error: " + e);
        commandLine.getErr().flush();
        return ExitCodes.FAILURE;
    }
}
