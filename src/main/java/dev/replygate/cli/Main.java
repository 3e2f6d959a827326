package dev.replygate.cli;

import dev.replygate.app.LogFormat;
import dev.replygate.outbound.MailStreamProviders;
import dev.replygate.store.Store;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code replygate} command. */
@Command(name = "replygate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Mail gateway of a support portal: sends ticket notifications, answers replies "
                + "by email with a link to the portal, and reports to operators.",
        subcommands = {
            RunCommand.class,
            CheckConfigCommand.class,
            NotifyCommand.class,
            OutboxCommand.class,
            DigestCommand.class,
            MailboxCommand.class,
            SmtpCommand.class,
            ReloadCommand.class,
            ExplainCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:runtime failure",
            "2:usage error",
            "78:configuration error"
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--log-format", paramLabel = "FORMAT", scope = CommandLine.ScopeType.INHERIT,
            description = "How log lines on stderr are written: text or json (one JSON object per line); "
                    + "default: text, or the REPLYGATE_LOG_FORMAT environment variable.")
    void logFormat(LogFormat format) {
        format.use();
    }

    public static void main(String[] args) {
        Store.keepEmbeddedServerOnLoopback();
        MailStreamProviders.nameAngus();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new FailureReporter());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // Persian subjects and names must print as themselves whatever the platform's default charset.
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        return commandLine;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
