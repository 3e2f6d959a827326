package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.inbound.Decisions;
import dev.replygate.mailbox.MailboxProbe;
import dev.replygate.mailbox.MailboxState;
import dev.replygate.mailbox.MailboxStates;
import dev.replygate.mailbox.PollHealth;
import dev.replygate.store.Store;
import dev.replygate.probe.ProbeReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "mailbox", mixinStandardHelpOptions = true,
        description = "Checks and shows the mailboxes replygate reads.",
        subcommands = {MailboxCommand.TestCommand.class, MailboxCommand.ListCommand.class})
final class MailboxCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists every mailbox with its state as the store keeps it, whichever process polled it:"
                    + " ok (its last poll succeeded), failing (its last poll failed; the error follows), never"
                    + " polled; when it last succeeded and failed, what its mail got in the last 24 hours, and"
                    + " which node (instance.name) polled it last.",
                "A mailbox the store knows but the configuration no longer has is listed as not configured."})
    static final class ListCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ReplygateConfig config = ConfigFiles.load(configOption.file).config();
            Map<String, MailboxState> states = new LinkedHashMap<>();
            Map<String, Map<String, Long>> lastDay;
            try (Store store = Store.openForCommand(config.store())) {
                new MailboxStates(store, Clock.systemUTC()).all().forEach(state -> states.put(state.mailbox(), state));
                lastDay = new Decisions(store).countsSince(Instant.now().minus(Duration.ofDays(1)));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-20s %-6s %-28s %-14s %-20s %-20s %-34s %s%n", "NAME", "PROTO", "SERVER", "STATE",
                    "LAST SUCCESS", "LAST FAILURE", "24H REDIRECTED/IGNORED/QUARANTINED", "NODE");
            for (MailboxConfig mailbox : config.mailboxes()) {
                MailboxState state = states.remove(mailbox.name());
                print(out, mailbox.name(), mailbox.protocol().name().toLowerCase(Locale.ROOT),
                        mailbox.host() + ":" + mailbox.port(), state,
                        state == null ? "never polled" : state.health().key(),
                        lastDay.getOrDefault(mailbox.name(), Map.of()));
            }
            for (MailboxState state : states.values()) {
                print(out, state.mailbox(), "-", "-", state, "not configured",
                        lastDay.getOrDefault(state.mailbox(), Map.of()));
            }
            out.printf("%d mailbox(es) configured%n", config.mailboxes().size());
            out.flush();
        }

        private static void print(PrintWriter out, String name, String protocol, String server, MailboxState state,
                                  String health, Map<String, Long> counts) {
            String lastDay = counts.getOrDefault("redirect", 0L) + "/" + counts.getOrDefault("ignore", 0L) + "/"
                    + counts.getOrDefault("quarantine", 0L);
            out.printf("%-20s %-6s %-28s %-14s %-20s %-20s %-34s %s%n", name, protocol, server, health,
                    time(state == null ? Optional.empty() : state.lastSuccess()),
                    time(state == null ? Optional.empty() : state.lastFailure()), lastDay,
                    state == null ? "-" : state.node().orElse("-"));
            if (state != null && state.health() == PollHealth.FAILING) {
                state.lastError().ifPresent(error -> out.printf("%-20s last error: %s%n", "", error));
            }
        }

        private static String time(Optional<Instant> at) {
            return at.map(TIME::format).orElse("-");
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, modelTransformer = ProbeOutput.class,
            description = {"Checks a mailbox step by step: resolves its host, connects, shows the TLS session"
                    + " (protocol, cipher, certificate subject, issuer, expiry, valid for the host), logs in, lists"
                    + " the capabilities replygate uses (IMAP: IDLE, MOVE, UIDPLUS, CONDSTORE), counts the messages"
                    + " of the folder read, tells whether its newest mail carries Return-Path, and whether the"
                    + " disposition folders exist or can be created (keyword mode: whether the server keeps"
                    + " keywords of our own on the folder read).",
                "It changes nothing on the server: no folder is created, no flag set, no message moved. The folder"
                    + " is opened read-only, except in keyword mode, where only a read-write open makes the server"
                    + " tell which flags it keeps: it is closed again without expunging (its new messages lose"
                    + " \\Recent, which replygate does not use).",
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
            ReplygateConfig config = ConfigFiles.load(configOption.file).config();
            List<MailboxConfig> mailboxes = config.mailboxes();
            List<MailboxConfig> chosen = name == null ? mailboxes
                    : mailboxes.stream().filter(mailbox -> mailbox.name().equals(name)).toList();
            if (chosen.isEmpty()) {
                throw new UserFacingException(name == null ? "no mailbox is configured (mailboxes: in "
                        + configOption.file + ")" : "no mailbox is named " + name + "; configured: "
                        + mailboxes.stream().map(MailboxConfig::name).collect(Collectors.joining(", ")),
                        ExitCodes.USAGE);
            }
            PrintWriter out = spec.commandLine().getOut();
            List<ProbeReport> reports = LoginsAsTheDaemon.run(config,
                    chosen.stream().flatMap(mailbox -> mailbox.oauth2().stream()).toList(),
                    () -> chosen.stream().map(mailbox -> {
                        ProbeReport report = MailboxProbe.test(mailbox);
                        ProbeOutput.print(out, report);
                        return report;
                    }).toList());
            return reports.stream().mapToInt(ProbeReport::exitCode).filter(code -> code != ExitCodes.OK).findFirst()
                    .orElse(ExitCodes.OK);
        }
    }
}
