package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.config.MailboxConfig;
import dev.replygate.mailbox.MailboxProbe;
import dev.replygate.probe.ProbeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "mailbox", mixinStandardHelpOptions = true,
        description = "Checks and shows the mailboxes replygate reads.",
        subcommands = {MailboxCommand.TestCommand.class})
final class MailboxCommand {

    @Command(name = "test", mixinStandardHelpOptions = true, modelTransformer = ProbeOutput.class,
            description = {"Checks a mailbox step by step: resolves its host, connects, shows the TLS session"
                    + " (protocol, cipher, certificate subject, issuer, expiry, valid for the host), logs in, lists"
                    + " the capabilities replygate uses (IMAP: IDLE, MOVE, UIDPLUS, CONDSTORE), counts the messages"
                    + " of the folder read, tells whether its newest mail carries Return-Path, and whether the"
                    + " disposition folders exist or can be created.",
                "It changes nothing on the server: the folder is opened read-only, and no folder is created.",
                "A failure is named in one line with its fix, and ends that mailbox's test with its own exit"
                    + " code."})
    static final class TestCommand implements Callable<Integer> {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1",
                description = "The mailbox's name in the configuration; all mailboxes without it.")
        String name;

        @Override
        public Integer call() {
            List<MailboxConfig> mailboxes = ConfigFiles.load(configOption.file).config().mailboxes();
            List<MailboxConfig> chosen = name == null ? mailboxes
                    : mailboxes.stream().filter(mailbox -> mailbox.name().equals(name)).toList();
            if (chosen.isEmpty()) {
                throw new UserFacingException(name == null ? "no mailbox is configured (mailboxes: in "
                        + configOption.file + ")" : "no mailbox is named " + name + "; configured: "
                        + mailboxes.stream().map(MailboxConfig::name).collect(Collectors.joining(", ")),
                        ExitCodes.USAGE);
            }
            PrintWriter out = spec.commandLine().getOut();
            int exitCode = ExitCodes.OK;
            for (MailboxConfig mailbox : chosen) {
                ProbeReport report = MailboxProbe.test(mailbox);
                ProbeOutput.print(out, report);
                if (exitCode == ExitCodes.OK) {
                    exitCode = report.exitCode();
                }
            }
            return exitCode;
        }
    }
}
