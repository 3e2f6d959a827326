package dev.replygate.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs replygate's stages as Quartz jobs. A stage never runs twice at once
 * ({@link DisallowConcurrentExecution}); a stage that throws is logged and runs again at its next
 * firing, so one bad run never stops the daemon.
 */
public final class StageScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StageScheduler.class);
    private static final String GROUP = "replygate";

    private final Scheduler scheduler;
    /** Each stage by name; it is given the time its run was due (not the time it began). */
    private final Map<String, Consumer<Instant>> stages = new ConcurrentHashMap<>();

    public StageScheduler(String instanceName) {
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "replygate-" + instanceName);
        properties.setProperty("org.quartz.threadPool.threadCount", "4");
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "stage");
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        try {
            scheduler = new StdSchedulerFactory(properties).getScheduler();
            scheduler.setJobFactory(stageJobFactory());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot create the scheduler: " + e.getMessage(), e);
        }
    }

    /** Runs {@code stage} now and then every {@code interval}, never overlapping itself. */
    public void every(String name, Duration interval, Runnable stage) {
        schedule(name, at -> stage.run(), TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build());
    }

    /**
     * Runs {@code stage} at every firing of the Quartz cron expression in {@code zone}, giving it the
     * firing's time: on every node and after a late start of the run, the same time for the same firing.
     * A firing missed while the scheduler was busy runs once, late, with its own time.
     */
    public void cron(String name, String cronExpression, ZoneId zone, Consumer<Instant> stage) {
        schedule(name, stage, TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(cronExpression)
                        .inTimeZone(TimeZone.getTimeZone(zone))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build());
    }

    private void schedule(String name, Consumer<Instant> stage, Trigger trigger) {
        if (stages.putIfAbsent(name, stage) != null) {
            throw new IllegalArgumentException("stage already scheduled: " + name);
        }
        JobDetail job = JobBuilder.newJob(StageJob.class).withIdentity(name, GROUP).build();
        try {
            scheduler.scheduleJob(job, trigger);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot schedule " + name + ": " + e.getMessage(), e);
        }
    }

    /** Asks a scheduled stage to run as soon as it is free (e.g. after IMAP IDLE saw new mail). */
    public void runSoon(String name) {
        try {
            scheduler.triggerJob(new JobKey(name, GROUP));
        } catch (SchedulerException e) {
            log.warn("cannot trigger {}: {}", name, e.getMessage());
        }
    }

    public void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    /** Every scheduled stage with its last and next run, by name. */
    public List<Stage> stages() {
        List<Stage> found = new ArrayList<>();
        for (String name : new TreeSet<>(stages.keySet())) {
            try {
                Trigger trigger = scheduler.getTrigger(new TriggerKey(name, GROUP));
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

    private static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    /** True once started and until closed. */
    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops firing new runs and waits for running stages to finish. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("scheduler shutdown: {}", e.getMessage());
        }
    }

    private JobFactory stageJobFactory() {
        return (bundle, ignored) -> {
            String name = bundle.getJobDetail().getKey().getName();
            Consumer<Instant> stage = stages.get(name);
            if (stage == null) {
                throw new SchedulerException("no stage named " + name);
            }
            return new StageJob(name, stage);
        };
    }

    @DisallowConcurrentExecution
    static final class StageJob implements Job {
        private final String name;
        private final Consumer<Instant> stage;

        StageJob(String name, Consumer<Instant> stage) {
            this.name = name;
            this.stage = stage;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                stage.accept(context.getScheduledFireTime().toInstant());
            } catch (RuntimeException e) {
                log.error("stage {} failed; it runs again at its next firing", name, e);
            }
        }
    }
}
