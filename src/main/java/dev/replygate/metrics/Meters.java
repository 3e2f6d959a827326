package dev.replygate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Every meter replygate has, by name, and the one place its stages report outcomes to: the inbound
 * pipeline, the outbox deliverer and the mailbox pollers call it where they log their one-line
 * outcome. Read in the Prometheus text format by {@link #scrape()} ({@code /metrics}); the
 * Prometheus names are these with dots as underscores and the unit or {@code _total} appended.
 */
public final class Meters {

    static final String MESSAGES = "replygate.messages";
    static final String ANSWERS_HELD_BACK = "replygate.answers.held.back";
    static final String DELIVERIES = "replygate.deliveries";
    static final String NOTIFICATIONS_BOUNCED = "replygate.notifications.bounced";
    static final String POLL = "replygate.poll";
    static final String DELIVERY = "replygate.delivery";
    static final String OUTBOX_DEPTH = "replygate.outbox.depth";
    static final String OUTBOX_OLDEST_AGE = "replygate.outbox.oldest.age";
    static final String IDLE_CONNECTED = "replygate.idle.connected";
    static final String MAILBOX_LAST_SUCCESS = "replygate.mailbox.last.success.timestamp";
    static final String RETENTION_DELETED = "replygate.retention.deleted";

    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Map<String, AtomicReference<MailboxPolls>> polls = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> outboxDepth = new ConcurrentHashMap<>();
    private final AtomicReference<Double> outboxOldestAge = new AtomicReference<>(Double.NaN);
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();
    private final Map<String, BooleanSupplier> idling = new ConcurrentHashMap<>();

    public Meters(Clock clock) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.clock = clock;
        Gauge.builder(OUTBOX_OLDEST_AGE, outboxOldestAge, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest outbox item not yet sent (queued or sending); 0 when none")
                .register(registry);
    }

    /** Meters no one reads: for commands that run once, and for tests that do not look at them. */
    public static Meters unobserved() {
        return new Meters(Clock.systemUTC());
    }

    /** One received message recorded with its class and action. */
    public void messageRecorded(String mailbox, String mailClass, String action) {
        Counter.builder(MESSAGES).description("Received messages recorded, by mailbox, class and action")
                .tags("mailbox", mailbox, "class", mailClass, "action", action).register(registry).increment();
    }

    /** An answer that was due and was not queued, by the rule that held it back. */
    public void answerHeldBack(String mailbox, String reason) {
        Counter.builder(ANSWERS_HELD_BACK).description("Answers held back, by mailbox and reason")
                .tags("mailbox", mailbox, "reason", reason).register(registry).increment();
    }

    /** A bounce that marked one of our notifications bounced. */
    public void notificationBounced(boolean hard) {
        Counter.builder(NOTIFICATIONS_BOUNCED).description("Notifications marked bounced by a DSN")
                .tags("severity", hard ? "hard" : "soft").register(registry).increment();
    }

    /** One outbox item's delivery attempt ended: {@code sent}, {@code deferred} or {@code failed}. */
    public void delivered(String kind, String outcome) {
        Counter.builder(DELIVERIES).description("Outbox delivery attempts, by kind (notification, answer) and outcome")
                .tags("kind", kind, "outcome", outcome).register(registry).increment();
    }

    /** One delivery run (a batch over one SMTP connection) took {@code elapsed}. */
    public void deliveryRun(Duration elapsed) {
        Timer.builder(DELIVERY).description("Delivery runs: one batch of due outbox items over one SMTP connection")
                .register(registry).record(elapsed);
    }

    /** One poll of {@code mailbox} ended, failed with {@code error} when present. */
    public void pollFinished(String mailbox, Duration elapsed, Optional<String> error) {
        Instant now = clock.instant();
        // the mailbox's state first: a scrape that counts this poll also has when it succeeded
        pollsOf(mailbox).updateAndGet(p -> error.map(e -> p.failed(now, e)).orElseGet(() -> p.succeeded(now)));
        Timer.builder(POLL).description("Mailbox polls, by mailbox and outcome")
                .tags("mailbox", mailbox, "outcome", error.isPresent() ? "failed" : "ok").register(registry)
                .record(elapsed);
        if (error.isPresent()) {
            failingSince.putIfAbsent(mailbox, now);
        } else {
            failingSince.remove(mailbox);
        }
    }

    /** When the polls of {@code mailbox} that keep failing began to fail; empty while its last poll succeeded. */
    public Optional<Instant> failingSince(String mailbox) {
        return Optional.ofNullable(failingSince.get(mailbox));
    }

    /** Whether an IMAP IDLE command waits on the server for {@code mailbox}; empty when it does not use IDLE. */
    public Optional<Boolean> idling(String mailbox) {
        return Optional.ofNullable(idling.get(mailbox)).map(BooleanSupplier::getAsBoolean);
    }

    /** How the polls of {@code mailbox} went so far in this process. */
    public MailboxPolls polls(String mailbox) {
        AtomicReference<MailboxPolls> found = polls.get(mailbox);
        return found == null ? MailboxPolls.NONE : found.get();
    }

    /** Shows {@code idling} (an IDLE command waiting on the server) as 1 or 0 for {@code mailbox}. */
    public void idleConnected(String mailbox, BooleanSupplier idling) {
        this.idling.put(mailbox, idling);
        // reads the map: after a reload the mailbox's new watcher replaces the old one under the same gauge
        Gauge.builder(IDLE_CONNECTED, () -> idling(mailbox).orElse(false) ? 1 : 0)
                .description("1 while an IMAP IDLE command waits on the server, by mailbox")
                .tags("mailbox", mailbox).register(registry);
    }

    /**
     * {@code idling}, given to {@link #idleConnected} for {@code mailbox}, watches no more (its stages stopped, or
     * never started): the mailbox's gauge goes, unless a newer watcher of the mailbox replaced it meanwhile.
     */
    public void idleGone(String mailbox, BooleanSupplier idling) {
        if (this.idling.remove(mailbox, idling)) {
            Gauge gauge = registry.find(IDLE_CONNECTED).tags("mailbox", mailbox).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }

    /**
     * The outbox as last looked at: items by state, and the age of the oldest not yet sent. NaN
     * when the store could not be read ({@code depthByState} empty).
     */
    public void outbox(Map<String, Long> depthByState, Optional<Duration> oldestWaiting) {
        if (depthByState.isEmpty()) {
            outboxDepth.values().forEach(depth -> depth.set(Double.NaN));
            outboxOldestAge.set(Double.NaN);
            return;
        }
        depthByState.forEach((state, count) -> outboxDepth.computeIfAbsent(state, this::depthGauge)
                .set(count.doubleValue()));
        outboxOldestAge.set(oldestWaiting.map(age -> age.toMillis() / 1000.0).orElse(0.0));
    }

    /** The retention purge deleted {@code rows} rows of {@code table}. */
    public void retentionDeleted(String table, long rows) {
        Counter.builder(RETENTION_DELETED).description("Rows the retention purge deleted, by table")
                .tags("table", table).register(registry).increment(rows);
    }

    /** Every meter in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for tests that read one meter. */
    public MeterRegistry registry() {
        return registry;
    }

    private AtomicReference<MailboxPolls> pollsOf(String mailbox) {
        return polls.computeIfAbsent(mailbox, name -> {
            AtomicReference<MailboxPolls> state = new AtomicReference<>(MailboxPolls.NONE);
            Gauge.builder(MAILBOX_LAST_SUCCESS, state,
                            s -> s.get().lastSuccess().map(at -> at.toEpochMilli() / 1000.0).orElse(Double.NaN))
                    .baseUnit("seconds").description("When the mailbox was last polled successfully (Unix time)")
                    .tags("mailbox", name).register(registry);
            return state;
        });
    }

    private AtomicReference<Double> depthGauge(String state) {
        AtomicReference<Double> depth = new AtomicReference<>(Double.NaN);
        Gauge.builder(OUTBOX_DEPTH, depth, AtomicReference::get).description("Outbox items, by state")
                .tags("state", state).register(registry);
        return depth;
    }
}
