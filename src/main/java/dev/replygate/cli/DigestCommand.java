package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.config.DigestConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.digest.DigestPeriod;
import dev.replygate.digest.Digests;
import dev.replygate.digest.MailboxHealth;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.outbound.EnqueueResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = "The operators' digests of the config's digests: list them, preview one from the store, "
                + "send one now.",
        subcommands = {DigestCommand.ListCommand.class, DigestCommand.PreviewCommand.class,
            DigestCommand.SendCommand.class})
final class DigestCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    static String describe(DigestPeriod period, ZoneId zone) {
        return TIME.format(period.start().atZone(zone)) + " to " + TIME.format(period.end().atZone(zone));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the configured digests: when they are sent, to whom, in which language.")
    static final class ListCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            ReplygateConfig config = ConfigFiles.load(configOption.file).config();
            PrintWriter out = spec.commandLine().getOut();
            if (config.digests().isEmpty()) {
                out.println("no digests configured (see digests: in " + configOption.file + ")");
                out.flush();
                return;
            }
            try (Replygate replygate = Replygate.forCommand(config, Clock.systemUTC())) {
                Digests digests = replygate.digests(MailboxHealth.unknown());
                for (DigestConfig digest : config.digests()) {
                    out.printf("%s%n  cron: %s (%s), next: %s%n  locale: %s, recipients: %s%n  mailboxes: %s,"
                                    + " empty period: %s%n", digest.name(), digest.cron(), digest.timeZone(),
                            TIME.format(digests.nextFiring(digest).atZone(digest.timeZone())), digest.locale(),
                            String.join(", ", digest.recipients().stream().map(r -> r.address()).toList()),
                            digest.mailboxes().isEmpty() ? "all" : String.join(", ", digest.mailboxes()),
                            digest.emptyPeriod() == DigestConfig.EmptyPeriod.NOTHING ? "nothing" : "quiet-line");
                }
            }
            out.flush();
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Renders a digest from the store without sending it: the period in progress (from its "
                    + "last scheduled run until now), or --from/--to. Prints the HTML, or the text part with --text.")
    static final class PreviewCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The digest's name (see `digest list`).")
        String name;

        @Option(names = "--from", paramLabel = "TIME",
                description = "Start: 2026-03-21T08:00:00Z, or 2026-03-21T08:00 / 2026-03-21 in the digest's time "
                        + "zone (default: its last scheduled run before --to).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "End, written like --from (default: now).")
        String to;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the HTML to FILE instead of printing it.")
        Path out;

        @Option(names = "--text", description = "Print the text part (with its subject) instead of the HTML.")
        boolean text;

        @Override
        public void run() {
            withDigest(configOption.file, name, (digests, digest) -> {
                DigestPeriod period = period(digests, digest);
                RenderedTemplate mail = digests.render(digest, period);
                PrintWriter printed = spec.commandLine().getOut();
                if (out != null) {
                    write(out, mail.html());
                    printed.printf("wrote %s: %s (%s)%n", out, mail.subject(), describe(period, digest.timeZone()));
                }
                if (text) {
                    printed.printf("Subject: %s%n%n%s%n", mail.subject(), mail.text().stripTrailing());
                } else if (out == null) {
                    printed.print(mail.html());
                }
                printed.flush();
            });
        }

        private DigestPeriod period(Digests digests, DigestConfig digest) {
            if (from == null && to == null) {
                return digests.currentPeriod(digest).orElseThrow(() -> notFiredYet(digests, digest, "now"));
            }
            Instant end = to == null ? Instant.now() : time("--to", to, digest.timeZone());
            Instant start = from == null ? digests.periodBefore(digest, end)
                    .orElseThrow(() -> notFiredYet(digests, digest, "--to"))
                    : time("--from", from, digest.timeZone());
            try {
                return new DigestPeriod(start, end);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
            }
        }

        private static void write(Path file, String html) {
            try {
                Files.writeString(file, html, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserFacingException("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Queues the digest of the period in progress (from its last scheduled run until now) to "
                    + "its recipients; the daemon delivers it. The scheduled digest of the period still follows.")
    static final class SendCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The digest's name (see `digest list`).")
        String name;

        @Override
        public void run() {
            withDigest(configOption.file, name, (digests, digest) -> {
                Digests.DigestSent sent = digests.sendNow(digest).orElseThrow(() -> new UserFacingException("digest "
                        + name + " has no period in progress: its cron expression `" + digest.cron() + "` has not"
                        + " fired yet; its first period starts at its next firing, "
                        + TIME.format(digests.nextFiring(digest).atZone(digest.timeZone()))));
                PrintWriter out = spec.commandLine().getOut();
                String period = describe(sent.period(), digest.timeZone());
                if (sent.skipped()) {
                    out.printf("digest %s for %s: nothing happened, nothing queued (empty-period: nothing)%n", name,
                            period);
                }
                List<EnqueueResult> queued = sent.queued();
                for (int i = 0; i < queued.size(); i++) {
                    out.printf("digest %s for %s: outbox#%d %s to %s%n", name, period, queued.get(i).id(),
                            queued.get(i).created() ? "queued" : "was queued before",
                            digest.recipients().get(i).address());
                }
                out.flush();
            });
        }
    }

    /** {@code preview} without {@code --from} before the digest's first firing, at or before {@code end}. */
    private static UserFacingException notFiredYet(Digests digests, DigestConfig digest, String end) {
        return new UserFacingException("digest " + digest.name() + ": its cron expression `" + digest.cron()
                + "` did not fire before " + end + ", so no period starts there (its next firing: "
                + TIME.format(digests.nextFiring(digest).atZone(digest.timeZone())) + "); give --from",
                ExitCodes.USAGE);
    }

    /** Runs {@code work} on the digest {@code name} of the config {@code file}, beside the daemon if it runs. */
    private static void withDigest(Path file, String name, BiConsumer<Digests, DigestConfig> work) {
        ReplygateConfig config = ConfigFiles.load(file).config();
        try (Replygate replygate = Replygate.forCommand(config, Clock.systemUTC())) {
            Digests digests = replygate.digests(MailboxHealth.unknown());
            DigestConfig digest;
            try {
                digest = digests.named(name);
            } catch (IllegalArgumentException e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
            }
            work.accept(digests, digest);
        }
    }

    /** An ISO-8601 instant, or a local date-time or date in {@code zone}. */
    static Instant time(String option, String text, ZoneId zone) {
        try {
            if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException withoutOffset) {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            throw new UserFacingException(option + ": `" + text + "` is not a time such as 2026-03-21T08:00:00Z,"
                    + " 2026-03-21T08:00 or 2026-03-21", ExitCodes.USAGE);
        }
    }
}
