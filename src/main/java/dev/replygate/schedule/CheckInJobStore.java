package dev.replygate.schedule;

import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.SchedulerConfigException;
import org.quartz.SchedulerException;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.NoSuchDelegateException;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;
import org.quartz.spi.ClassLoadHelper;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.SchedulerSignaler;
import org.quartz.spi.TriggerFiredResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Quartz's JDBC job store with a failure detection that keeps to {@code instance.check-in-interval}: a node
 * checks in every quarter of it and is declared dead after three quarters of silence, so another node,
 * checking in a quarter later at most, takes its jobs over within the configured interval of its last sign
 * of life. Quartz itself checks in once an interval and adds a fixed 7.5 s to the silence it allows
 * ({@code JobStoreSupport.calcFailedIfAfter}), which made a takeover take up to two intervals plus 7.5 s.
 *
 * <p>It also keeps the node's {@link FairShare} of the spread stages' runs, which {@link FairShareDelegate} looks
 * at when the node acquires its next run, and a node that stops cleanly removes its check-in row, so that the
 * others stop counting it among the live nodes at once instead of when it would be declared dead.
 *
 * <p>Quartz creates it by its class name ({@code org.quartz.jobStore.class}), hence public.
 */
@SuppressWarnings("unchecked") // JobStoreTX overrides a generic method of its parent with a raw one
public final class CheckInJobStore extends JobStoreTX {

    private static final Logger log = LoggerFactory.getLogger(CheckInJobStore.class);

    /** Check-ins a node may miss before the others declare it dead. */
    private static final int MISSED_CHECK_INS = 3;

    /** The job store of each node up in this JVM, by its instance id ({@link #held}, {@link #giveWay}). */
    private static final Map<String, CheckInJobStore> NODES = new ConcurrentHashMap<>();

    private final FairShare share = new FairShare();
    /** {@link FairShare#JOINING}, set by Quartz from {@code org.quartz.jobStore.joiningMillis}. */
    private long joiningMillis = FairShare.JOINING.toMillis();

    /** How many spread stages' runs node {@code instanceId} holds now; empty when its job store is not up here. */
    static OptionalInt held(String instanceId) {
        CheckInJobStore node = NODES.get(instanceId);
        return node == null ? OptionalInt.empty() : OptionalInt.of(node.share.held());
    }

    /**
     * Whether run {@code fireInstanceId} of spread stage {@code stage}, going on at node {@code instanceId}, ends
     * between two batches now to leave the rest of its work to another node ({@link FairShare#giveWay}): false
     * when the node's job store is not clustered here, when the run is the only one the node holds, and when the
     * store cannot say (the run goes on).
     */
    static boolean giveWay(String instanceId, String fireInstanceId, String stage) {
        CheckInJobStore node = NODES.get(instanceId);
        return node != null && node.giveWay(fireInstanceId, stage);
    }

    private boolean giveWay(String fireInstanceId, String stage) {
        if (!share.runsBesideOthers(fireInstanceId)) {
            return false;
        }
        try {
            if (!(getDelegate() instanceof FairShareDelegate delegate)) {
                return false;
            }
            FairShareDelegate.Sharing sharing = executeWithoutLock(conn -> {
                try {
                    return delegate.sharing(conn, List.of());
                } catch (SQLException e) {
                    throw new JobPersistenceException(e.getMessage(), e);
                }
            });
            if (share.giveWay(fireInstanceId, sharing.busyStages(), sharing.liveNodes())) {
                log.info("stage {}: this node holds more runs than its share of the {} mailboxes with mail to read"
                                + " among {} live nodes; this run ends here and leaves the rest to a node below its"
                                + " share", stage, sharing.busyStages(), sharing.liveNodes());
                return true;
            }
        } catch (JobPersistenceException | RuntimeException e) {
            log.debug("stage {}: the run goes on, the live nodes could not be counted: {}", stage, e.getMessage());
        }
        return false;
    }

    /** How often a node checks in for a configured {@code checkIn}. */
    static Duration checkInEvery(Duration checkIn) {
        return Duration.ofMillis(Math.max(1, checkIn.toMillis() / (MISSED_CHECK_INS + 1)));
    }

    /** When {@code node} is dead unless it checks in again (epoch ms): three of its check-in intervals after the last. */
    static long deadAfter(SchedulerStateRecord node) {
        return node.getCheckinTimestamp() + MISSED_CHECK_INS * node.getCheckinInterval();
    }

    /**
     * When {@code node} is dead: three of its own check-in intervals after its last check-in, or later when
     * this node has itself been silent longer than that (it was paused: the others may be alive).
     */
    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord node) {
        long sinceOwnCheckIn = System.currentTimeMillis() - lastCheckin;
        return Math.max(deadAfter(node), node.getCheckinTimestamp() + sinceOwnCheckIn);
    }

    @Override
    public void initialize(ClassLoadHelper loadHelper, SchedulerSignaler signaler) throws SchedulerConfigException {
        super.initialize(loadHelper, signaler);
        try {
            if (getDelegate() instanceof FairShareDelegate delegate) {
                delegate.share(share);
            }
            NODES.put(getInstanceId(), this);
        } catch (NoSuchDelegateException e) {
            throw new SchedulerConfigException("no job store delegate: " + e.getMessage(), e);
        }
    }

    /** Quartz sets it by its name from the job store's properties ({@link JobStore.Clustered}). */
    public void setJoiningMillis(long millis) {
        this.joiningMillis = millis;
    }

    /** The node joins the others now: for a moment it takes no more than half the mailboxes' runs. */
    @Override
    public void schedulerStarted() throws SchedulerException {
        share.joining(Duration.ofMillis(joiningMillis));
        super.schedulerStarted();
    }

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
            throws JobPersistenceException {
        List<OperableTrigger> acquired = super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
        acquired.forEach(share::acquired);
        return acquired;
    }

    /** The runs Quartz fired (not those it found blocked or gone meanwhile) begin now. */
    @Override
    public List<TriggerFiredResult> triggersFired(List<OperableTrigger> triggers) throws JobPersistenceException {
        List<TriggerFiredResult> results = super.triggersFired(triggers);
        for (TriggerFiredResult result : results) {
            if (result.getTriggerFiredBundle() != null) {
                share.started(result.getTriggerFiredBundle().getTrigger());
            }
        }
        return results;
    }

    @Override
    public void releaseAcquiredTrigger(OperableTrigger trigger) {
        share.done(trigger);
        super.releaseAcquiredTrigger(trigger);
    }

    /**
     * The run no longer counts before the job store unblocks the stage's next trigger: this node may take it. A
     * trigger that came due while the run went on, longer ago than the misfire threshold, is a misfire, which
     * Quartz acquires only once its misfire handler has put it back to now, at its next look (every threshold):
     * that is done here at once, so the next run begins as the last one ends.
     */
    @Override
    public void triggeredJobComplete(OperableTrigger trigger, JobDetail jobDetail,
                                     CompletedExecutionInstruction instruction) {
        share.done(trigger);
        super.triggeredJobComplete(trigger, jobDetail, instruction);
        try {
            RecoverMisfiredJobsResult misfires = doRecoverMisfires();
            if (misfires.getProcessedMisfiredTriggerCount() > 0) {
                signalSchedulingChangeImmediately(misfires.getEarliestNewTime());
            }
        } catch (JobPersistenceException | RuntimeException e) {
            log.debug("the misfires are left to the misfire handler: {}", e.getMessage());
        }
    }

    /**
     * After Quartz's own shutdown (the check-ins have stopped; with {@code shutdown(true)} no job of this node
     * runs), what the node still holds in the store is given back and its check-in row goes: the others no
     * longer count it live. A trigger Quartz acquired just as it was halted is never fired nor released by
     * Quartz; with the row gone no node would ever declare this one dead and recover it (Quartz looks for
     * fired triggers without a row only at a node's first check-in), so the stage it asks for (a mailbox's next
     * part) would wait for a restart. It is recovered here as the others would recover a dead node's.
     */
    @Override
    public void shutdown() {
        super.shutdown();
        NODES.remove(getInstanceId(), this);
        if (!isClustered()) {
            return;
        }
        try {
            executeInLock(LOCK_TRIGGER_ACCESS, conn -> {
                try {
                    // Quartz logs a recovery as a failed node's: only when something was left
                    if (!getDelegate().selectInstancesFiredTriggerRecords(conn, getInstanceId()).isEmpty()) {
                        SchedulerStateRecord self = new SchedulerStateRecord();
                        self.setSchedulerInstanceId(getInstanceId());
                        clusterRecover(conn, List.of(self));
                    }
                    return getDelegate().deleteSchedulerState(conn, getInstanceId());
                } catch (SQLException e) {
                    throw new JobPersistenceException(e.getMessage(), e);
                }
            });
        } catch (JobPersistenceException | RuntimeException e) {
            log.warn("the node's check-in row and the runs it acquired stay until the others declare it dead: {}",
                    e.getMessage());
        }
    }
}
