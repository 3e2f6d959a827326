package dev.replygate.schedule;

import org.quartz.spi.OperableTrigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

    /**
     * How long a node leaves a stage whose run gave way to the others: a node below its share looks at the store
     * every second (Quartz's idle wait) and takes it by then, while the node that gave it, signalled at once as its
     * run ends, would otherwise take it back itself. After that it may take it again (the other node is gone).
     */
    static final Duration LEFT_FOR_OTHERS = Duration.ofSeconds(2);

    /**
     * How long a node that starts takes no more than half the mailboxes' runs, as if another node were live: nodes
     * started together (a cluster's cold start) each find the others checked in a moment later, and the first
     * would otherwise have taken every mailbox's run and held them until its runs give way after their first
     * batch. A node alone takes the rest once this has passed.
     */
    static final Duration JOINING = Duration.ofSeconds(2);

    private final Clock clock;
    /** Until when this node joins the others ({@link #JOINING}). */
    private Instant joiningUntil = Instant.MIN;
    /** The runs held, each a run of a spread stage: fire instance id to the stage's name. */
    private final Map<String, String> held = new HashMap<>();
    /** The runs of {@link #held} that began (Quartz fired them); those acquired ahead of their time have not. */
    private final Set<String> started = new HashSet<>();
    /** The runs of {@link #started} that gave way and have not ended yet. */
    private final Set<String> leaving = new HashSet<>();
    /** The stages whose run gave way lately, and until when the others have them ({@link #LEFT_FOR_OTHERS}). */
    private final Map<String, Instant> leftForOthers = new HashMap<>();

    FairShare() {
        this(Clock.systemUTC());
    }

    FairShare(Clock clock) {
        this.clock = clock;
    }

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
    synchronized void acquired(OperableTrigger trigger) {
        if (StageScheduler.SPREAD_GROUP.equals(trigger.getJobKey().getGroup())) {
            held.put(trigger.getFireInstanceId(), trigger.getJobKey().getName());
        }
    }

    /** A run held here began: Quartz fired it (a run acquired ahead of its time waits until then). */
    synchronized void started(OperableTrigger trigger) {
        if (held.containsKey(trigger.getFireInstanceId())) {
            started.add(trigger.getFireInstanceId());
        }
    }

    /** A run finished, or given back before it began. */
    synchronized void done(OperableTrigger trigger) {
        String id = trigger.getFireInstanceId();
        if (id != null) {
            held.remove(id);
            started.remove(id);
            leaving.remove(id);
        }
    }

    /**
     * Whether run {@code fireInstanceId}, going on here, ends now (between two batches) so that another node takes
     * the rest of its stage's work: other nodes are live and this node runs more runs than its share of the {@code
     * busyStages} spread stages with work ({@link FairShareDelegate#sharing}). Only runs that began count, not
     * those acquired ahead of their time (an idle mailbox's next poll). As many runs give way as go on beyond the
     * share, no more; the stage is then left to the others for {@link #LEFT_FOR_OTHERS}.
     */
    synchronized boolean giveWay(String fireInstanceId, int busyStages, int liveNodes) {
        if (liveNodes <= 1 || !started.contains(fireInstanceId) || leaving.contains(fireInstanceId)
                || goingOn() <= of(busyStages, liveNodes)) {
            return false;
        }
        leaving.add(fireInstanceId);
        leftForOthers.put(held.get(fireInstanceId), clock.instant().plus(LEFT_FOR_OTHERS));
        return true;
    }

    /** Whether run {@code fireInstanceId} goes on here beside another: only then may it have to give way. */
    synchronized boolean runsBesideOthers(String fireInstanceId) {
        return started.contains(fireInstanceId) && !leaving.contains(fireInstanceId) && goingOn() > 1;
    }

    /** The runs that began here and go on, not giving way. */
    private int goingOn() {
        return started.size() - leaving.size();
    }

    /** Whether {@code stage}'s run gave way here within {@link #LEFT_FOR_OTHERS}: its next run is the others'. */
    synchronized boolean leftForOthers(String stage) {
        Instant until = leftForOthers.get(stage);
        return until != null && clock.instant().isBefore(until);
    }

    /** Whether some stage's run gave way here within {@link #LEFT_FOR_OTHERS}. */
    synchronized boolean leavesAny() {
        leftForOthers.values().removeIf(until -> !clock.instant().isBefore(until));
        return !leftForOthers.isEmpty();
    }

    /** The node starts taking runs now; for {@code joining} it counts another node live beside it. */
    synchronized void joining(Duration joining) {
        joiningUntil = clock.instant().plus(joining);
    }

    /** Whether this node still joins the others ({@link #joining}). */
    synchronized boolean isJoining() {
        return clock.instant().isBefore(joiningUntil);
    }

    synchronized int held() {
        return held.size();
    }

    /** The stages of the runs held here, acquired or going on. */
    synchronized Set<String> heldStages() {
        return new HashSet<>(held.values());
    }

    /** Whether this node may take one more run of {@code busyStages} spread stages with work shared by {@code liveNodes}. */
    synchronized boolean mayTakeMore(int busyStages, int liveNodes) {
        return held.size() < of(busyStages, liveNodes);
    }
}
