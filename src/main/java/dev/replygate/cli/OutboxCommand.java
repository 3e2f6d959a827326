package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.outbound.LeaseOwner;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxState;
import dev.replygate.retention.RetentionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

@Command(name = "outbox", mixinStandardHelpOptions = true,
        description = "Shows, retries and purges what replygate sends.",
        subcommands = {OutboxCommand.ListCommand.class, OutboxCommand.RetryCommand.class,
                OutboxCommand.PurgeCommand.class})
final class OutboxCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    static String stateName(OutboxItem item) {
        return item.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What this process can tell of a lease holder: whether its process runs, when it is on this machine. */
    static String holderState(String leaseOwner) {
        return switch (LeaseOwner.stateOf(leaseOwner)) {
            case ALIVE -> "process running";
            case GONE -> "process gone: released on the next delivery";
            case UNKNOWN -> "not on this machine: waits for the lease";
        };
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists outbox items, newest first, with state, attempts and the last error; for an item "
                    + "being sent, who holds it and until when.")
    static final class ListCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Option(names = "--state", paramLabel = "STATE",
                description = "Only items in this state: ${COMPLETION-CANDIDATES}.")
        OutboxState state;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most N items (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public void run() {
            if (limit < 1) {
                throw new UserFacingException("--limit must be at least 1", ExitCodes.USAGE);
            }
            var config = ConfigFiles.load(configOption.file).config();
            try (Replygate components = Replygate.forCommand(config, Clock.systemUTC())) {
                List<OutboxItem> items = state == null ? components.outbox().list(limit)
                        : components.outbox().list(state, limit);
                print(spec.commandLine().getOut(), items);
            }
        }

        private static void print(PrintWriter out, List<OutboxItem> items) {
            out.printf("%-8s %-8s %-8s %-20s %-20s %-32s %s%n", "ID", "STATE", "ATTEMPTS", "CREATED",
                    "NEXT/SENT", "RECIPIENT", "SUBJECT / LAST ERROR");
            for (OutboxItem item : items) {
                Instant when = item.sentAt() != null ? item.sentAt() : item.nextAttemptAt();
                out.printf("%-8d %-8s %-8d %-20s %-20s %-32s %s%n", item.id(), stateName(item),
                        item.attempts(), TIME.format(item.createdAt()), TIME.format(when), item.recipient(),
                        item.subject());
                if (item.state() == OutboxState.SENDING && item.leaseOwner() != null && item.leaseUntil() != null) {
                    out.printf("%-8s %s%n", "", "held by " + item.leaseOwner() + " until "
                            + TIME.format(item.leaseUntil()) + " (" + holderState(item.leaseOwner()) + ")");
                }
                if (item.lastError() != null && !item.lastError().isEmpty()) {
                    out.printf("%-8s %s%n", "", "last error: " + item.lastError());
                }
            }
            out.printf("%d item(s)%n", items.size());
            out.flush();
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Queues a failed or deferred item for delivery now.")
    static final class RetryCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The outbox id (see `outbox list`).")
        long id;

        @Override
        public void run() {
            var config = ConfigFiles.load(configOption.file).config();
            try (Replygate components = Replygate.forCommand(config, Clock.systemUTC())) {
                if (!components.outbox().retry(id)) {
                    String why = components.outbox().find(id)
                            .map(item -> "it is " + stateName(item))
                            .orElse("there is no such item");
                    throw new UserFacingException("outbox#" + id + " cannot be retried: " + why);
                }
                spec.commandLine().getOut().printf("outbox#%d queued for delivery%n", id);
                spec.commandLine().getOut().flush();
            }
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Deletes failed items whose last attempt is older than --older-than, with their "
                    + "notifications. Sent items go by themselves (retention in the config); failed ones wait "
                    + "for a retry until purged here.")
    static final class PurgeCommand implements Runnable {

        @Mixin
        ConfigOption configOption;

        @Spec
        CommandSpec spec;

        @Option(names = "--failed", required = true,
                description = "Purge failed items (the only ones purged by hand).")
        boolean failed;

        @Option(names = "--older-than", required = true, paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Only items whose last attempt is older than this, e.g. 30d.")
        Duration olderThan;

        @Override
        public void run() {
            if (olderThan.isNegative()) {
                throw new UserFacingException("--older-than must not be negative", ExitCodes.USAGE);
            }
            var config = ConfigFiles.load(configOption.file).config();
            Clock clock = Clock.systemUTC();
            try (Replygate components = Replygate.forCommand(config, clock)) {
                RetentionReport report = components.retention().purgeFailedOutbox(clock.instant().minus(olderThan));
                spec.commandLine().getOut().printf("purged %d failed outbox item(s) and %d notification(s)%n",
                        report.outboxItems(), report.notifications());
                spec.commandLine().getOut().flush();
            }
        }
    }
}
