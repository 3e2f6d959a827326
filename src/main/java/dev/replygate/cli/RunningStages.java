package dev.replygate.cli;

import dev.replygate.app.Replygate;
import dev.replygate.config.DigestConfig;
import dev.replygate.config.Durations;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.digest.Digests;
import dev.replygate.digest.MailboxHealth;
import dev.replygate.http.HttpServer;
import dev.replygate.inbound.Decisions;
import dev.replygate.mailbox.IdleTurn;
import dev.replygate.mailbox.IdleWatcher;
import dev.replygate.mailbox.MailboxStates;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.outbound.OutboxDeliverer;
import dev.replygate.ops.HealthRoutes;
import dev.replygate.ops.MetricsRoutes;
import dev.replygate.ops.Readiness;
import dev.replygate.schedule.JobStore;
import dev.replygate.schedule.NodeNameTaken;
import dev.replygate.schedule.StageScheduler;
import dev.replygate.schedule.StageWakeUp;
import dev.replygate.status.StatusRoutes;
import dev.replygate.store.Dialect;
import dev.replygate.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The daemon's work for one configuration: a stage per mailbox (woken early by its IDLE watcher), outbox
 * delivery, retention, the digests, and with {@code http} the operators' endpoints and the portal's API.
 * A reload closes one (letting running stages finish) and starts the next; the work itself lives in the
 * store, so nothing is lost or done twice in between.
 */
final class RunningStages implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningStages.class);
    static final String DELIVERY_STAGE = "deliver-outbox";
    static final String RETENTION_STAGE = "retention";
    private static final Duration RETENTION_INTERVAL = Duration.ofDays(1);
    static final String DIGEST_STAGE_PREFIX = "digest-";

    private final Replygate replygate;
    private final StageScheduler scheduler;
    private final List<IdleWatcher> watchers = new ArrayList<>();
    /** What each mailbox's IDLE gauge reads, by mailbox. */
    private final Map<String, BooleanSupplier> idleGauges = new LinkedHashMap<>();
    private final List<MailboxPoller> pollers;
    private final Digests digests;
    /** Wakes the delivery stage when a poll committed an answer. */
    private final StageWakeUp delivery;
    private HttpServer server;

    private RunningStages(Replygate replygate, Consumer<NodeNameTaken> onNameTaken) {
        this.replygate = replygate;
        ReplygateConfig config = replygate.config();
        OutboxDeliverer deliverer = replygate.deliverer();
        // an answer queued by a poll goes out now, not at the next delivery.interval tick: each one wakes
        // this node's delivery stage as soon as it is committed; every node delivers, each claiming its own batches
        this.scheduler = new StageScheduler(config.instance().name(), jobStore(replygate), onNameTaken);
        try {
            this.delivery = new StageWakeUp(scheduler, DELIVERY_STAGE);
            this.pollers = replygate.mailboxPollers(delivery::ask);
            scheduler.onEveryNode(DELIVERY_STAGE, config.delivery().interval(), () -> {
                delivery.begun();
                Replygate.deliverAllDue(deliverer);
            });
            scheduler.every(RETENTION_STAGE, RETENTION_INTERVAL, () -> replygate.retention().run());
            IdleTurn idleTurn = idleTurn(replygate);
            for (int i = 0; i < pollers.size(); i++) {
                MailboxPoller poller = pollers.get(i);
                MailboxConfig mailbox = config.mailboxes().get(i);
                String stage = "poll-" + mailbox.name();
                // new mail seen by IDLE, and a backlog a run left, ask for the next run now
                StageWakeUp nextRun = new StageWakeUp(scheduler, stage);
                scheduler.spread(stage, mailbox.pollInterval(), giveWay -> {
                    nextRun.begun();
                    Replygate.pollPart(poller, giveWay, nextRun::ask);
                });
                if (mailbox.protocol() == MailboxConfig.Protocol.IMAP && mailbox.idle()) {
                    IdleWatcher watcher = new IdleWatcher(mailbox, nextRun::ask, idleTurn);
                    BooleanSupplier idling = watcher::isIdling;
                    replygate.meters().idleConnected(mailbox.name(), idling);
                    idleGauges.put(mailbox.name(), idling);
                    watchers.add(watcher);
                }
            }
            this.digests = replygate.digests(MailboxHealth.of(replygate.meters()));
            for (DigestConfig digest : config.digests()) {
                scheduler.cron(DIGEST_STAGE_PREFIX + digest.name(), digest.cron(), digest.timeZone(),
                        firing -> digests.sendScheduled(digest, firing));
            }
        } catch (RuntimeException e) {
            // releases this node's name too: a reload's fallback to the previous configuration claims it again
            scheduler.close();
            forgetIdleGauges();
            throw e;
        }
    }

    /** The IDLE watchers of these stages watch no more: their gauges go (a reload registers the next ones). */
    private void forgetIdleGauges() {
        idleGauges.forEach(replygate.meters()::idleGone);
        idleGauges.clear();
    }

    /** On PostgreSQL one node of those sharing the store watches each mailbox; on H2 this process is the only node. */
    private static IdleTurn idleTurn(Replygate replygate) {
        Store store = replygate.store();
        return store.dialect() == Dialect.POSTGRESQL
                ? IdleTurn.leased(store, Clock.systemUTC(), replygate.config().instance())
                : IdleTurn.always();
    }

    /** On PostgreSQL the nodes sharing the store share the jobs; on H2 this process is the only node. */
    private static JobStore jobStore(Replygate replygate) {
        Store store = replygate.store();
        return store.dialect() == Dialect.POSTGRESQL
                ? JobStore.clustered(store.dataSource(), replygate.config().instance().checkInInterval())
                : JobStore.inMemory();
    }

    /**
     * Starts the stages of {@code replygate}'s configuration, and with {@code http} its endpoints; should another
     * process take this node's name while they run, they stop firing and {@code onNameTaken} is told.
     */
    static RunningStages start(Replygate replygate, Optional<HttpServerConfig> http,
                               Consumer<NodeNameTaken> onNameTaken) {
        RunningStages stages = new RunningStages(replygate, onNameTaken);
        try {
            stages.server = http.map(config -> startHttpServer(replygate, config, stages.scheduler)).orElse(null);
            stages.scheduler.start();
            stages.watchers.forEach(IdleWatcher::start);
        } catch (RuntimeException e) {
            stages.close();
            throw e;
        }
        ReplygateConfig config = replygate.config();
        config.digests().forEach(stages::sendLastEnded);
        log.info("replygate running: {} mailbox(es), delivering every {}, {} digest(s)", config.mailboxes().size(),
                Durations.format(config.delivery().interval()), config.digests().size());
        return stages;
    }

    /** The operators' endpoints, when started with them. */
    Optional<HttpServer> server() {
        return Optional.ofNullable(server);
    }

    /** The digest of the period before the start, when no node sent it: a firing missed while down. */
    private void sendLastEnded(DigestConfig digest) {
        try {
            digests.sendLastEnded(digest);
        } catch (RuntimeException e) {
            log.error("digest {}: the last period's digest was not queued; the next firing sends the next one",
                    digest.name(), e);
        }
    }

    /** The operators' endpoints (/metrics, /healthz, /readyz, the status pages) and the portal's API. */
    private static HttpServer startHttpServer(Replygate replygate, HttpServerConfig httpConfig,
                                              StageScheduler scheduler) {
        Clock clock = Clock.systemUTC();
        Readiness readiness = new Readiness(replygate.store(), scheduler::isRunning, replygate.config().mailboxes(),
                replygate.meters(), clock);
        try {
            return HttpServer.start(httpConfig, List.of(
                    new MetricsRoutes(replygate.meters(), replygate.outbox(), clock),
                    new HealthRoutes(readiness),
                    new StatusRoutes(replygate.config().mailboxes(),
                            new MailboxStates(replygate.store(), clock),
                            new Decisions(replygate.store()), replygate.outbox(), scheduler::stages,
                            replygate.config().notifications().defaultLocale(),
                            replygate.config().notifications().timeZone(), clock),
                    replygate.apiRoutes()));
        } catch (IllegalStateException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    /**
     * Stops the endpoints and the IDLE watchers, waits for the running stages to finish, and closes the
     * mailbox connections kept between runs.
     */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        watchers.forEach(IdleWatcher::close);
        forgetIdleGauges();
        scheduler.close();
        pollers.forEach(MailboxPoller::close);
    }

    Replygate replygate() {
        return replygate;
    }
}
