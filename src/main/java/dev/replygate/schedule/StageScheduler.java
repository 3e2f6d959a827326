package dev.replygate.schedule;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs replygate's stages as Quartz jobs. A stage never runs twice at once, on one node or, with a
 * clustered {@link JobStore}, on all of them ({@link DisallowConcurrentExecution}); a stage that throws is
 * logged and runs again at its next firing, so one bad run never stops the daemon.
 *
 * <p>A job is only its stage's name: every node makes the same jobs from the same configuration, and
 * runs a firing with its own stage of that name. A job whose node dies while it runs is run again by
 * another node ({@code requestsRecovery}).
 *
 * <p>A stage {@linkplain #onEveryNode run on every node} (the outbox delivery, whose work the store hands out
 * under leases) is kept out of the clustered store: each node runs its own, in a Quartz of its own with the jobs
 * in memory; with the jobs in memory anyway (one node) it is one more job of the node's one Quartz.
 */
public final class StageScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageScheduler.class);
    private static final String GROUP = "replygate";
    /** The jobs and triggers of the spread stages ({@link #spread}): their runs are shared out among the nodes. */
    static final String SPREAD_GROUP = "replygate-spread";
    /** The jobs and triggers of the stages every node runs for itself ({@link #onEveryNode}), never in the store. */
    static final String NODE_GROUP = "replygate-node";
    /** The one-shot triggers of {@link #ask}: their names are made up, never a stage's; a group per stage group. */
    private static final String SOON = "-soon";
    /**
     * How many runs of spread stages (the mailboxes' polls) run at once on a node; the others wait their turn, in
     * the order they were fired. Every other stage finds a thread at once ({@link StagePool}).
     */
    static final int SPREAD_RUNS = 4;
    /**
     * How late a firing may start and keep its place in its schedule. A firing later than that (the node was
     * paused or down, or could not keep up) is a misfire: it runs once, at once, and the schedule goes on from
     * there ({@link #every}, {@link #cron}); on a clustered store Quartz looks for misfires this often. Quartz's
     * default, a minute, left a late firing waiting up to a minute more for that look.
     */
    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(5);

    private final Scheduler scheduler;
    /** This node's own stages ({@link #onEveryNode}): {@link #scheduler} itself when its jobs are in memory. */
    private final Scheduler nodeQuartz;
    private final Consumer<NodeNameTaken> onNameTaken;
    /** This node's name, held while the scheduler runs ({@link JobStore#claim}). */
    private final AutoCloseable nodeName;
    /** Where the wake-ups' looks after their grace run ({@link StageWakeUp}). */
    private final ScheduledExecutorService wakeUpChecks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stage-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    /** The looks given to {@link #wakeUpChecks} that did not run yet: each runs once, at the latest on close. */
    private final Set<Runnable> heldBackLooks = ConcurrentHashMap.newKeySet();
    /** Turns of the spread stages' runs, {@link #SPREAD_RUNS} at once, first fired first served. */
    private final Semaphore spreadTurns = new Semaphore(SPREAD_RUNS, true);
    /**
     * Set as {@link #close} begins: a spread stage's run that waited for its turn and gets it after skips its
     * stage, so a stop waits for the runs going on, not for a whole poll of every mailbox waiting its turn (in
     * memory).
     */
    private volatile boolean closing;
    /** Each stage by name; it is given its run's firing. */
    private final Map<String, Consumer<Firing>> stages = new ConcurrentHashMap<>();
    /** The group of each stage's job and trigger, by name. */
    private final Map<String, String> groups = new ConcurrentHashMap<>();

    /** A scheduler with its jobs in memory: one node. */
    public StageScheduler(String instanceName) {
        this(instanceName, JobStore.inMemory());
    }

    /**
     * A scheduler of node {@code instanceName}; throws {@link IllegalStateException} when another live
     * process runs as that node on a clustered store.
     */
    public StageScheduler(String instanceName, JobStore jobStore) {
        this(instanceName, jobStore, taken -> { });
    }

    /**
     * As {@link #StageScheduler(String, JobStore)}; should another process take this node's name while it runs
     * (its claim was lost, {@link JobStore#claim}), the scheduler stops firing and {@code onNameTaken} is told.
     */
    public StageScheduler(String instanceName, JobStore jobStore, Consumer<NodeNameTaken> onNameTaken) {
        this.onNameTaken = onNameTaken;
        nodeName = jobStore.claim(instanceName, this::nameTaken);
        Scheduler shared = null;
        try {
            shared = ownQuartz(jobStore.properties(instanceName));
            scheduler = shared;
            nodeQuartz = jobStore instanceof JobStore.InMemory ? shared
                    : ownQuartz(JobStore.inMemory().properties(instanceName));
        } catch (SchedulerException e) {
            shutDown(shared);
            wakeUpChecks.shutdownNow();
            release(nodeName);
            throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    /**
     * A Quartz instance of this scheduler's own. Quartz keeps one instance per name in the JVM and gives it to
     * whoever asks for that name again, and every node of a cluster has the same name: without this, a second
     * node in one JVM (a test) would share the first one's instance.
     */
    private Scheduler ownQuartz(Properties properties) throws SchedulerException {
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, StagePool.class.getName());
        properties.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        Scheduler quartz;
        synchronized (StageScheduler.class) {
            quartz = new StdSchedulerFactory(properties).getScheduler();
            SchedulerRepository.getInstance().remove(quartz.getSchedulerName());
        }
        quartz.setJobFactory(stageJobFactory());
        return quartz;
    }

    /** The Quartz that keeps the jobs and triggers of {@code group} (an ask's group too). */
    private Scheduler quartzOf(String group) {
        return group.startsWith(NODE_GROUP) ? nodeQuartz : scheduler;
    }

    /** Both Quartz instances, once each. */
    private List<Scheduler> quartzes() {
        return nodeQuartz == scheduler ? List.of(scheduler) : List.of(scheduler, nodeQuartz);
    }

    /** No new run starts on this node from now on; the running ones finish, then it is closed. */
    private void nameTaken(NodeNameTaken taken) {
        for (Scheduler quartz : Arrays.asList(scheduler, nodeQuartz)) {
            if (quartz != null) {
                try {
                    quartz.standby();
                } catch (SchedulerException e) {
                    log.warn("cannot stop firing: {}", e.getMessage());
                }
            }
        }
        onNameTaken.accept(taken);
    }

    /** Runs {@code stage} now and then every {@code interval}, never overlapping itself. */
    public void every(String name, Duration interval, Runnable stage) {
        every(name, GROUP, interval, stage);
    }

    /**
     * As {@link #every}, but every node runs the stage for itself, each never overlapping its own run, and an ask
     * ({@link StageWakeUp}) runs this node's: for a stage whose work the store hands out under leases (the
     * outbox delivery), so that each node takes its part of it, a node that dies leaving its part to the others'
     * next runs once its leases end. With the jobs in memory (one node) the same as {@link #every}.
     */
    public void onEveryNode(String name, Duration interval, Runnable stage) {
        every(name, NODE_GROUP, interval, stage);
    }

    /**
     * As {@link #every}, for a stage of which several run at once, one per mailbox: with other live nodes on a
     * clustered store, a node holds at most its fair share of the spread stages' runs at once, ceil(spread stages
     * with work / live nodes), and runs beyond it give way between two batches; it leaves the next ones to a node
     * below its share ({@link FairShare}); a node alone holds them all. A spread stage that asks for its next run
     * ({@link StageWakeUp}) thus hands it to an idle node.
     *
     * <p>A node runs at most {@link #SPREAD_RUNS} spread stages' runs at once, and the other stages (the delivery,
     * the digests) never wait behind them ({@link StagePool}). On a clustered store it holds no more than that
     * ({@link FairShare#of}): the runs beyond wait in the store, in the order of their firings, for whichever node
     * has a turn free. With the jobs in memory every due run is fired, and those beyond wait their turn on the
     * node, each on a thread of its own, first fired first served.
     *
     * <p>{@code stage} is given a test to make between two steps of its run (a poll between two batches): true
     * when the run is to end there, as the node stops ({@link #close}: a stop waits for one batch, not a whole
     * part) or holds more runs than its share since another node checked in ({@link FairShare#giveWay}); the
     * stage then asks for its next run, which another node (or the next start) takes. The share is never exceeded
     * with the jobs in memory.
     */
    public void spread(String name, Duration interval, Consumer<BooleanSupplier> stage) {
        schedule(name, SPREAD_GROUP, firing -> {
            boolean waited;
            try {
                // a zero timeout keeps the turns' order, which tryAcquire() would not
                waited = !spreadTurns.tryAcquire(0, TimeUnit.SECONDS);
                if (waited) {
                    spreadTurns.acquire();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.info("stage {}: stopped while it waited for its turn; it runs at its next firing", name);
                return;
            }
            try {
                // only a run that waited skips: one fired as the node begins to stop, with a turn free, runs as
                // those going on do (skipped, the part a backlog's last run asked for was run by no node)
                if (waited && closing) {
                    log.debug("stage {}: the node stops; it runs at its next firing", name);
                } else {
                    stage.accept(() -> closing || giveWay(name, firing));
                }
            } finally {
                spreadTurns.release();
            }
        }, repeating(name, SPREAD_GROUP, interval));
    }

    /** Whether the run of spread stage {@code name} fired by {@code firing} ends now ({@link #spread}). */
    private boolean giveWay(String name, Firing firing) {
        try {
            return CheckInJobStore.giveWay(scheduler.getSchedulerInstanceId(), firing.instanceId(), name);
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * How many spread stages' runs this node holds in a clustered job store now, acquired and not yet done
     * ({@link FairShare}); empty with the jobs in memory, where every due run is fired.
     */
    OptionalInt spreadRunsHeldInStore() {
        try {
            return CheckInJobStore.held(scheduler.getSchedulerInstanceId());
        } catch (SchedulerException e) {
            return OptionalInt.empty();
        }
    }

    /** How many spread stages' runs wait for their turn on this node now. */
    int waitingForTurn() {
        return spreadTurns.getQueueLength();
    }

    private void every(String name, String group, Duration interval, Runnable stage) {
        schedule(name, group, firing -> stage.run(), repeating(name, group, interval));
    }

    private static Trigger repeating(String name, String group, Duration interval) {
        return TriggerBuilder.newTrigger()
                .withIdentity(name, group)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNowWithExistingCount())
                .build();
    }

    /**
     * Runs {@code stage} at every firing of the Quartz cron expression in {@code zone}, giving it the
     * firing's time: on every node and after a late start of the run, the same time for the same firing.
     * A firing missed (the node was paused or down, past {@link #MISFIRE_THRESHOLD}) runs once, late, with the
     * time of the last firing missed; firings missed before it are not run.
     */
    public void cron(String name, String cronExpression, ZoneId zone, Consumer<Instant> stage) {
        CronFirings firings = new CronFirings(cronExpression(cronExpression, zone));
        schedule(name, GROUP, firing -> stage.accept(ownFiring(firings, firing.due())), TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(cronExpression)
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build());
    }

    private static CronExpression cronExpression(String expression, ZoneId zone) {
        try {
            CronExpression firings = new CronExpression(expression);
            firings.setTimeZone(TimeZone.getTimeZone(zone));
            return firings;
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a cron expression: " + expression + ": " + e.getMessage(), e);
        }
    }

    /**
     * The firing a run of a cron stage stands for: its scheduled time, or after a misfire (Quartz then gives the
     * time the run was fired at, {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}) the last firing before that. A firing
     * is always on a whole second: a misfire handled at 09:00:00.300 stands for 09:00:00, whose period it ends.
     */
    static Instant ownFiring(CronFirings firings, Instant scheduled) {
        return firings.lastAtOrBefore(scheduled).orElse(scheduled);
    }

    /** A run of a stage: when it was due (not when it began), and Quartz's id of this firing. */
    private record Firing(Instant due, String instanceId) {
    }

    private void schedule(String name, String group, Consumer<Firing> stage, Trigger configured) {
        if (stages.putIfAbsent(name, stage) != null) {
            throw new IllegalArgumentException("stage already scheduled: " + name);
        }
        groups.put(name, group);
        JobDetail job = JobBuilder.newJob(StageJob.class).withIdentity(name, group)
                .storeDurably()
                .requestRecovery()
                .build();
        Trigger trigger = configured.getTriggerBuilder().forJob(job).build();
        Scheduler quartz = quartzOf(group);
        try {
            quartz.addJob(job, true);
            Trigger existing = quartz.getTrigger(trigger.getKey());
            if (existing == null) {
                scheduleNew(quartz, trigger);
            } else if (!Schedules.same(existing, trigger)) {
                quartz.rescheduleJob(trigger.getKey(), trigger);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule " + name + ": " + e.getMessage(), e);
        }
    }

    /** Another node may have made the same trigger since this one looked: then its timing stays. */
    private static void scheduleNew(Scheduler quartz, Trigger trigger) throws SchedulerException {
        try {
            quartz.scheduleJob(trigger);
        } catch (ObjectAlreadyExistsException e) {
            log.debug("stage {} was scheduled by another node meanwhile", trigger.getKey().getName());
        }
    }

    /**
     * Asks a scheduled stage to run as soon as it is free, on whichever node (a stage {@linkplain #onEveryNode run
     * on every node}: on this one); returns the one-shot trigger that
     * asks, empty when it could not be made (logged). Asked through {@link StageWakeUp}, one ask waiting at most.
     */
    Optional<TriggerKey> ask(String name) {
        String group = groups.getOrDefault(name, GROUP);
        Trigger soon = TriggerBuilder.newTrigger()
                .withIdentity(name + SOON + "-" + UUID.randomUUID(), group + SOON)
                .forJob(name, group)
                .startNow()
                .build();
        try {
            quartzOf(group).scheduleJob(soon);
            return Optional.of(soon.getKey());
        } catch (SchedulerException e) {
            log.warn("cannot trigger {}: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Whether a trigger made by {@link #ask} still waits for its firing: false once a node began its run,
     * and once it is gone (fired, or dropped by Quartz); false too when the job store cannot tell.
     */
    boolean waiting(TriggerKey soon) {
        try {
            Trigger.TriggerState state = quartzOf(soon.getGroup()).getTriggerState(soon);
            return state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.BLOCKED
                    || state == Trigger.TriggerState.PAUSED;
        } catch (SchedulerException e) {
            log.debug("cannot read the state of trigger {}: {}", soon.getName(), e.getMessage());
            return false;
        }
    }

    /** This scheduler as its stages' wake-ups see it. */
    StageAsking asking() {
        return new StageAsking() {
            @Override
            public Optional<TriggerKey> ask(String name) {
                return StageScheduler.this.ask(name);
            }

            @Override
            public boolean waiting(TriggerKey soon) {
                return StageScheduler.this.waiting(soon);
            }

            @Override
            public void later(Duration delay, Runnable task) {
                Runnable look = new Runnable() {
                    @Override
                    public void run() {
                        if (heldBackLooks.remove(this)) {
                            task.run();
                        }
                    }
                };
                heldBackLooks.add(look);
                try {
                    wakeUpChecks.schedule(look, delay.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    // closing, and a run still going asks: looked at now, see close()
                    look.run();
                }
            }
        };
    }

    /**
     * Deletes the jobs of stages this configuration no longer has (a mailbox removed, on this node or on
     * another one before; a stage's job kept in another group by an older version), then starts firing.
     */
    public void start() {
        try {
            for (String group : List.of(GROUP, SPREAD_GROUP)) {
                for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(group))) {
                    if (!group.equals(groups.get(job.getName()))) {
                        log.info(stages.containsKey(job.getName()) ? "stage {}: its job of an older version is replaced"
                                : "stage {} is no longer configured: its job is deleted", job.getName());
                        scheduler.deleteJob(job);
                    }
                }
            }
            for (Scheduler quartz : quartzes()) {
                quartz.start();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Every scheduled stage with its last and next run, by name. */
    public List<Stage> stages() {
        List<Stage> found = new ArrayList<>();
        for (String name : new TreeSet<>(stages.keySet())) {
            try {
                String group = groups.get(name);
                Trigger trigger = quartzOf(group).getTrigger(new TriggerKey(name, group));
                if (trigger != null) {
                    found.add(new Stage(name, instant(trigger.getPreviousFireTime()), instant(trigger.getNextFireTime())));
                }
            } catch (SchedulerException e) {
                log.warn("cannot read the trigger of {}: {}", name, e.getMessage());
            }
        }
        return found;
    }

    /** A scheduled stage: when it last started (null: not yet) and when it runs next (null: never). */
    public record Stage(String name, Instant lastRun, Instant nextRun) {
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** True once started and until closed. */
    public boolean isRunning() {
        try {
            for (Scheduler quartz : quartzes()) {
                if (!quartz.isStarted() || quartz.isShutdown() || quartz.isInStandbyMode()) {
                    return false;
                }
            }
            return true;
        } catch (SchedulerException e) {
            return false;
        }
    }

    /**
     * Stops firing new runs and waits for running stages to finish; a spread stage's run still waiting for its
     * turn skips its stage (it runs at its next firing). On a clustered store this node's own stages ({@link
     * #onEveryNode}) stop last: what the last runs of the shared ones queue and ask for (an answer) is still
     * delivered by this node.
     */
    @Override
    public void close() {
        closing = true;
        // the wake-ups' looks still held back are made now, not dropped: an ask made as this node closes is in
        // the store for the other nodes (and the next configuration) to run
        wakeUpChecks.shutdownNow();
        List.copyOf(heldBackLooks).forEach(Runnable::run);
        quartzes().forEach(StageScheduler::shutDown);
        release(nodeName);
    }

    private static void shutDown(Scheduler quartz) {
        if (quartz == null) {
            return;
        }
        try {
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("scheduler shutdown: {}", e.getMessage());
        }
    }

    private static void release(AutoCloseable claim) {
        try {
            claim.close();
        } catch (Exception e) {
            log.warn("cannot release the node's name: {}", e.getMessage());
        }
    }

    private JobFactory stageJobFactory() {
        return (bundle, ignored) -> {
            String name = bundle.getJobDetail().getKey().getName();
            Consumer<Firing> stage = stages.get(name);
            if (stage == null) {
                // a job another node's newer configuration added: that node runs its next firings
                return context -> log.warn("stage {} is not in this node's configuration: this firing is"
                        + " skipped; give every node the same configuration", name);
            }
            return new StageJob(name, stage);
        };
    }

    @DisallowConcurrentExecution
    static final class StageJob implements Job {
        private final String name;
        private final Consumer<Firing> stage;

        StageJob(String name, Consumer<Firing> stage) {
            this.name = name;
            this.stage = stage;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                stage.accept(new Firing(context.getScheduledFireTime().toInstant(), context.getFireInstanceId()));
            } catch (RuntimeException e) {
                log.error("stage {} failed; it runs again at its next firing", name, e);
            }
        }
    }
}
