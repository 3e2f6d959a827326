package dev.replygate.schedule;

import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Quartz's PostgreSQL statements, but a node that holds its {@link FairShare} of the spread stages' runs looks
 * past their due triggers when it acquires the next one: it takes the other stages' runs (delivery, digests)
 * as before and leaves the spread ones for a node below its share. The live nodes and the spread stages with
 * work are counted in the acquisition's own transaction, when it matters only (this node holds a run and one is
 * due), so a node that joins takes its share from the others' next acquisition on.
 *
 * <p>Quartz creates it by its class name ({@code org.quartz.jobStore.driverDelegateClass}), hence public;
 * {@link CheckInJobStore} gives it the node's share.
 */
public final class FairShareDelegate extends PostgreSQLDelegate {

    /** The triggers of the spread stages' jobs, by their job's group as {@link FairShare} counts them. */
    private static final String SELECT_SPREAD_TRIGGERS = "SELECT " + COL_TRIGGER_NAME + ", " + COL_TRIGGER_GROUP
            + ", " + COL_JOB_NAME + " FROM " + TABLE_PREFIX_SUBST + TABLE_TRIGGERS + " WHERE " + COL_SCHEDULER_NAME
            + " = " + SCHED_NAME_SUBST + " AND " + COL_JOB_GROUP + " = ?";

    /**
     * The spread stages with work now, on any node: a run going on (its fired trigger has its job once it began), a
     * run due now that a node has acquired or is about to (a node that has just joined, between its check-in and its
     * first runs, takes them), or one asked for (the next part of a backlog, a dead node's run to recover: a one-shot
     * trigger, of a group other than the stage's own). A mailbox whose only trigger is its schedule, not due yet,
     * waits for its next poll: no mail is known there, even when a node has acquired that poll ahead of its time.
     * Parameters: the spread group four times, the time now, the states WAITING and ACQUIRED.
     */
    private static final String SELECT_BUSY_SPREAD_STAGES = "SELECT " + COL_JOB_NAME + " FROM " + TABLE_PREFIX_SUBST
            + TABLE_FIRED_TRIGGERS + " WHERE " + COL_SCHEDULER_NAME + " = " + SCHED_NAME_SUBST + " AND "
            + COL_JOB_GROUP + " = ? UNION SELECT " + COL_JOB_NAME + " FROM " + TABLE_PREFIX_SUBST + TABLE_TRIGGERS
            + " WHERE " + COL_SCHEDULER_NAME + " = " + SCHED_NAME_SUBST + " AND " + COL_JOB_GROUP + " = ? AND "
            + COL_TRIGGER_GROUP + " <> ? UNION SELECT " + COL_JOB_NAME + " FROM " + TABLE_PREFIX_SUBST + TABLE_TRIGGERS
            + " WHERE " + COL_SCHEDULER_NAME + " = " + SCHED_NAME_SUBST + " AND " + COL_JOB_GROUP + " = ? AND "
            + COL_NEXT_FIRE_TIME + " <= ? AND " + COL_TRIGGER_STATE + " IN (?, ?)";

    private volatile FairShare share;

    void share(FairShare nodeShare) {
        this.share = nodeShare;
    }

    @Override
    public List<TriggerKey> selectTriggerToAcquire(Connection conn, long noLaterThan, long noEarlierThan,
                                                   int maxCount) throws SQLException {
        List<TriggerKey> due = super.selectTriggerToAcquire(conn, noLaterThan, noEarlierThan, maxCount);
        FairShare nodeShare = share;
        if (nodeShare == null || nodeShare.held() == 0 && !nodeShare.leavesAny()) {
            return due;
        }
        Map<TriggerKey, String> spread = spreadTriggers(conn);
        List<String> dueStages = due.stream().map(spread::get).filter(Objects::nonNull).toList();
        if (dueStages.isEmpty()) {
            return due;
        }
        Set<String> spreadStages = new HashSet<>(spread.values());
        // a stage whose run gave way here just now is for the others; the rest as the share says
        Set<String> leave = new HashSet<>();
        spreadStages.stream().filter(nodeShare::leftForOthers).forEach(leave::add);
        if (nodeShare.held() > 0) {
            // the stages due now, and those of the runs held here (one acquired ahead of its time among them),
            // have work too: else a node alone would hold one run at most
            Set<String> withWork = new HashSet<>(dueStages);
            withWork.addAll(nodeShare.heldStages());
            Sharing sharing = sharing(conn, withWork);
            boolean mayTake = nodeShare.isJoining()
                    ? nodeShare.mayTakeMore(spreadStages.size(), Math.max(2, sharing.liveNodes()))
                    : nodeShare.mayTakeMore(sharing.busyStages(), sharing.liveNodes());
            if (!mayTake) {
                leave.addAll(spreadStages);
            }
        }
        if (dueStages.stream().noneMatch(leave::contains)) {
            return due;
        }
        // looking as far past the first due triggers as there are spread ones finds every other one due
        List<TriggerKey> further = super.selectTriggerToAcquire(conn, noLaterThan, noEarlierThan,
                maxCount + spread.size());
        return without(further, spread, leave, maxCount);
    }

    /** How many spread stages have work to share out, and how many nodes share it. */
    record Sharing(int busyStages, int liveNodes) {
    }

    /**
     * The spread stages with work ({@link #SELECT_BUSY_SPREAD_STAGES}, and {@code dueStages}) and the live nodes,
     * as the store has them now. Only stages with work count: when the backlogs of two mailboxes of four are left
     * and one node reads both, the other takes one of them ({@link FairShare#giveWay}).
     */
    Sharing sharing(Connection conn, Collection<String> dueStages) throws SQLException {
        Set<String> busy = new HashSet<>(dueStages);
        try (PreparedStatement select = conn.prepareStatement(rtp(SELECT_BUSY_SPREAD_STAGES))) {
            select.setString(1, StageScheduler.SPREAD_GROUP);
            select.setString(2, StageScheduler.SPREAD_GROUP);
            select.setString(3, StageScheduler.SPREAD_GROUP);
            select.setString(4, StageScheduler.SPREAD_GROUP);
            select.setLong(5, System.currentTimeMillis());
            select.setString(6, STATE_WAITING);
            select.setString(7, STATE_ACQUIRED);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    busy.add(rows.getString(1));
                }
            }
        }
        return new Sharing(busy.size(), liveNodes(conn));
    }

    /**
     * The due triggers a node takes when it leaves the stages {@code leave}: every trigger but those of their jobs,
     * whatever a trigger's own group (a run Quartz recovers from a dead node has a trigger of Quartz's recovery
     * group, and counts as its job's); {@code spread} gives the job of each spread stage's trigger.
     */
    static List<TriggerKey> without(List<TriggerKey> due, Map<TriggerKey, String> spread, Set<String> leave,
                                    int maxCount) {
        return due.stream().filter(key -> !spread.containsKey(key) || !leave.contains(spread.get(key)))
                .limit(maxCount).toList();
    }

    /** Every trigger of a spread stage's job (its own, the asks for it and a recovery of its run), with its job's name. */
    private Map<TriggerKey, String> spreadTriggers(Connection conn) throws SQLException {
        Map<TriggerKey, String> spread = new HashMap<>();
        try (PreparedStatement select = conn.prepareStatement(rtp(SELECT_SPREAD_TRIGGERS))) {
            select.setString(1, StageScheduler.SPREAD_GROUP);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    spread.put(new TriggerKey(rows.getString(1), rows.getString(2)), rows.getString(3));
                }
            }
        }
        return spread;
    }

    /** The nodes that checked in lately (this one among them), as {@link CheckInJobStore} judges them. */
    private int liveNodes(Connection conn) throws SQLException {
        long now = System.currentTimeMillis();
        long live = selectSchedulerStateRecords(conn, null).stream()
                .filter(node -> now < CheckInJobStore.deadAfter(node))
                .count();
        return (int) Math.max(1, live);
    }
}
