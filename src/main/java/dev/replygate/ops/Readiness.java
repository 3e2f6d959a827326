package dev.replygate.ops;

import dev.replygate.config.Durations;
import dev.replygate.config.MailboxConfig;
import dev.replygate.metrics.MailboxPolls;
import dev.replygate.metrics.Meters;
import dev.replygate.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Whether the daemon can do its work: the store answers, the scheduler runs, and every mailbox was
 * polled successfully within {@value #POLL_INTERVALS} of its poll-intervals (counted from the
 * start until its first success). Each failed check is one line that names it.
 */
public final class Readiness {

    static final int POLL_INTERVALS = 3;
    private static final int STORE_TIMEOUT_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private final Store store;
    private final BooleanSupplier schedulerRunning;
    private final List<MailboxConfig> mailboxes;
    private final Meters meters;
    private final Clock clock;
    private final Instant started;

    public Readiness(Store store, BooleanSupplier schedulerRunning, List<MailboxConfig> mailboxes, Meters meters,
                     Clock clock) {
        this.store = store;
        this.schedulerRunning = schedulerRunning;
        this.mailboxes = List.copyOf(mailboxes);
        this.meters = meters;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** One line per failed check; empty when ready. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (!storeAnswers()) {
            failures.add("store: not reachable (the log says why)");
        }
        if (!schedulerRunning.getAsBoolean()) {
            failures.add("scheduler: not running");
        }
        Instant now = clock.instant();
        for (MailboxConfig mailbox : mailboxes) {
            MailboxPolls polls = meters.polls(mailbox.name());
            Instant since = polls.lastSuccess().orElse(started);
            Duration limit = mailbox.pollInterval().multipliedBy(POLL_INTERVALS);
            if (Duration.between(since, now).compareTo(limit) > 0) {
                failures.add("mailbox " + mailbox.name() + ": "
                        + polls.lastSuccess().map(at -> "last polled successfully " + ago(at, now))
                        .orElse("not polled successfully since the start " + ago(started, now))
                        + ", more than " + POLL_INTERVALS + " x poll-interval (" + Durations.format(mailbox.pollInterval())
                        + ")" + polls.lastError().map(error -> "; last error: " + error).orElse(""));
            }
        }
        return failures;
    }

    private boolean storeAnswers() {
        try {
            return store.inTransaction(connection -> connection.isValid(STORE_TIMEOUT_SECONDS));
        } catch (RuntimeException e) {
            log.warn("readiness: the store does not answer: {}", e.getMessage());
            return false;
        }
    }

    private static String ago(Instant at, Instant now) {
        return Durations.format(Duration.ofSeconds(Math.max(0, Duration.between(at, now).toSeconds()))) + " ago";
    }
}
