package dev.replygate.cli;

import dev.replygate.address.MailAddress;
import dev.replygate.app.ConfigFiles;
import dev.replygate.outbound.SmtpProbe;
import dev.replygate.probe.ProbeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "smtp", mixinStandardHelpOptions = true,
        description = "Checks the SMTP relay.",
        subcommands = SmtpCommand.TestCommand.class)
final class SmtpCommand {

    @Command(name = "test", mixinStandardHelpOptions = true, modelTransformer = ProbeOutput.class,
            description = {"Checks the SMTP relay step by step: resolves its host, connects, shows the TLS session"
                    + " (protocol, cipher, certificate subject, issuer, expiry, valid for the host), logs in and"
                    + " lists its extensions. With --send-to it sends one short test mail as notifications go"
                    + " (sender.from, sender.envelope-from) and shows the relay's answer; without, it sends"
                    + " nothing.",
                "A failure is named in one line with its fix, and ends the test with its own exit code."})
    static final class TestCommand implements Callable<Integer> {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Option(names = "--send-to", paramLabel = "ADDRESS",
                description = "Send one test mail to this address (yours, not a customer's).")
        String sendTo;

        @Override
        public Integer call() {
            var config = ConfigFiles.load(configOption.file).config();
            Optional<SmtpProbe.ProbeMail> mail = Optional.empty();
            if (sendTo != null) {
                MailAddress to;
                try {
                    to = MailAddress.plain(sendTo);
                } catch (IllegalArgumentException e) {
                    throw new UserFacingException("--send-to: " + e.getMessage(), ExitCodes.USAGE);
                }
                mail = Optional.of(SmtpProbe.probeMail(config, to, Clock.systemUTC()));
            }
            Optional<SmtpProbe.ProbeMail> probeMail = mail;
            ProbeReport report = LoginsAsTheDaemon.run(config, config.smtp().oauth2().stream().toList(),
                    () -> SmtpProbe.test(config.smtp(), probeMail));
            ProbeOutput.print(spec.commandLine().getOut(), report);
            return report.exitCode();
        }
    }
}
