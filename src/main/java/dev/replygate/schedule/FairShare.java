package dev.replygate.schedule;

import org.quartz.spi.OperableTrigger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs of the spread stages ({@link StageScheduler#spread}, the mailboxes' polls) a node holds: acquired
 * from the job store and not yet finished or given back. While other live nodes share the store, a node holds
 * at most {@link #of its share} of them at once and leaves the next ones to the others: a backlog read in parts
 * is read by every node, not by the node that happened to ask for each next part (Quartz alerts only the asking
 * node's own scheduler thread, the others find the part at their next look at the store).
 *
 * <p>Only the spread stages with work count (a mailbox with a backlog, not one waiting for its next poll), and the
 * share follows the store as nodes come and backlogs end: a node that holds more than its share (it took every
 * mailbox's run while it was alone, or the other node's backlogs ended first) has its runs beyond the share
 * {@linkplain #giveWay give way} between two batches, so another node reads them from the next batch on, not after
 * whole parts.
 */
final class FairShare {

    /** The fire instance ids of the runs held, each a run of a spread stage. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /**
     * How many runs of {@code stages} spread stages with work (a run going on or due, {@link
     * FairShareDelegate#sharing}) one of {@code liveNodes} nodes may hold at once: every such stage has a node,
     * and no node more than its part, nor more than it runs at once ({@link StageScheduler#SPREAD_RUNS}): the runs
     * beyond wait in the store for whichever node has a turn free. One node alone holds them all, up to that
     * number.
     */
    static int of(int stages, int liveNodes) {
        int part = Math.max(1, (stages + Math.max(1, liveNodes) - 1) / Math.max(1, liveNodes));
        return Math.min(part, StageScheduler.SPREAD_RUNS);
    }

    /** A run acquired by this node; only a spread stage's counts (a recovered run of one too). */
    void acquired(OperableTrigger trigger) {
        if (StageScheduler.SPREAD_GROUP.equals(trigger.getJobKey().getGroup())) {
            held.add(trigger.getFireInstanceId());
        }
    }

    /** A run finished, or given back before it began. */
    void done(OperableTrigger trigger) {
        if (trigger.getFireInstanceId() != null) {
            held.remove(trigger.getFireInstanceId());
        }
    }

    /**
     * Whether run {@code fireInstanceId}, held here, ends now (between two batches) so that another node takes the
     * rest of its stage's work: this node holds more runs than its share of {@code stages} spread stages among
     * {@code liveNodes}. As many runs give way as the node holds beyond its share, no more: a run that gives way
     * no longer counts as held from then on.
     */
    synchronized boolean giveWay(String fireInstanceId, int stages, int liveNodes) {
        return held.size() > of(stages, liveNodes) && held.remove(fireInstanceId);
    }

    /** Whether run {@code fireInstanceId} is one this node holds, and other runs are held beside it. */
    boolean holdsBesideOthers(String fireInstanceId) {
        return held.size() > 1 && held.contains(fireInstanceId);
    }

    int held() {
        return held.size();
    }

    /** Whether this node may take one more run of {@code stages} spread stages shared by {@code liveNodes}. */
    boolean mayTakeMore(int stages, int liveNodes) {
        return held.size() < of(stages, liveNodes);
    }
}
