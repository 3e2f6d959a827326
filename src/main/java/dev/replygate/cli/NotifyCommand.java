package dev.replygate.cli;

import dev.replygate.app.ConfigFiles;
import dev.replygate.app.Replygate;
import dev.replygate.notify.InvalidNotificationException;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.notify.QueuedNotification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "notify", mixinStandardHelpOptions = true,
        description = "Queues one ticket notification. The daemon delivers it (or the next `run`); "
                + "this works whether or not the daemon is running.")
final class NotifyCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Spec
    CommandSpec spec;

    @Option(names = "--ticket", required = true, paramLabel = "ID", description = "The portal's ticket id.")
    String ticket;

    @Option(names = "--event", required = true, paramLabel = "EVENT",
            description = "An event of notifications.events: opened, answered, closed, reminder, …")
    String event;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "The customer's address.")
    String to;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "", description = "The customer's name.")
    String name;

    @Option(names = "--locale", paramLabel = "TAG",
            description = "The customer's language (en, fa, …); default: notifications.default-locale.")
    String locale;

    @Option(names = "--var", paramLabel = "KEY=VALUE", description = "A template variable (repeatable).")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--vars-file", paramLabel = "FILE",
            description = "Template variables as a JSON object; --var values win.")
    Path variablesFile;

    @Option(names = "--ticket-key", paramLabel = "KEY",
            description = "The ticket's access key, for portal.ticket-url's {ticketKey} (WHMCS's c).")
    String ticketKey;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "The same key queues once, however often it is sent.")
    String idempotencyKey;

    @Override
    public Integer call() {
        var config = ConfigFiles.load(configOption.file).config();
        NotificationRequest request = new NotificationRequest(ticket, event, to, name, locale,
                TemplateVariables.merge(variablesFile, variables), idempotencyKey, ticketKey);
        try (Replygate components = Replygate.forCommand(config, Clock.systemUTC())) {
            QueuedNotification queued = components.notificationService().queue(request);
            var out = spec.commandLine().getOut();
            if (queued.created()) {
                out.printf("queued outbox#%d <%s> (%s)%n", queued.outboxId(), queued.messageId(), queued.locale());
            } else {
                out.printf("already queued as outbox#%d <%s> (idempotency key %s)%n", queued.outboxId(),
                        queued.messageId(), idempotencyKey);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (InvalidNotificationException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.USAGE);
        }
    }
}
