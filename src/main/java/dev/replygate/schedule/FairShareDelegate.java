package dev.replygate.schedule;

import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.matchers.GroupMatcher;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Quartz's PostgreSQL statements, but a node that holds its {@link FairShare} of the spread stages' runs looks
 * past their due triggers when it acquires the next one: it takes the other stages' runs (delivery, digests)
 * as before and leaves the spread ones for a node below its share. The live nodes and the spread stages are
 * counted in the acquisition's own transaction, when it matters only (this node holds a run and one is due), so a
 * node that joins takes its share from the others' next acquisition on.
 *
 * <p>Quartz creates it by its class name ({@code org.quartz.jobStore.driverDelegateClass}), hence public;
 * {@link CheckInJobStore} gives it the node's share.
 */
public final class FairShareDelegate extends PostgreSQLDelegate {

    private volatile FairShare share;

    void share(FairShare nodeShare) {
        this.share = nodeShare;
    }

    @Override
    public List<TriggerKey> selectTriggerToAcquire(Connection conn, long noLaterThan, long noEarlierThan,
                                                   int maxCount) throws SQLException {
        List<TriggerKey> due = super.selectTriggerToAcquire(conn, noLaterThan, noEarlierThan, maxCount);
        FairShare nodeShare = share;
        if (nodeShare == null || nodeShare.held() == 0 || due.stream().noneMatch(StageScheduler::spread)) {
            return due;
        }
        int stages = selectJobsInGroup(conn, GroupMatcher.jobGroupEquals(StageScheduler.SPREAD_GROUP)).size();
        int liveNodes = liveNodes(conn);
        if (nodeShare.mayTakeMore(stages, liveNodes)) {
            return due;
        }
        // a spread stage has one trigger of its own and at most one ask waiting per node (StageWakeUp): looking
        // that far past the first due triggers finds every other one due
        List<TriggerKey> further = super.selectTriggerToAcquire(conn, noLaterThan, noEarlierThan,
                maxCount + stages * (liveNodes + 2));
        return further.stream().filter(key -> !StageScheduler.spread(key)).limit(maxCount).toList();
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
