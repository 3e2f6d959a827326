package dev.replygate.schedule;

import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

import java.time.Duration;

/**
 * Quartz's JDBC job store with a failure detection that keeps to {@code instance.check-in-interval}: a node
 * checks in every quarter of it and is declared dead after three quarters of silence, so another node,
 * checking in a quarter later at most, takes its jobs over within the configured interval of its last sign
 * of life. Quartz itself checks in once an interval and adds a fixed 7.5 s to the silence it allows
 * ({@code JobStoreSupport.calcFailedIfAfter}), which made a takeover take up to two intervals plus 7.5 s.
 *
 * <p>Quartz creates it by its class name ({@code org.quartz.jobStore.class}), hence public.
 */
@SuppressWarnings("unchecked") // JobStoreTX overrides a generic method of its parent with a raw one
public final class CheckInJobStore extends JobStoreTX {

    /** Check-ins a node may miss before the others declare it dead. */
    private static final int MISSED_CHECK_INS = 3;

    /** How often a node checks in for a configured {@code checkIn}. */
    static Duration checkInEvery(Duration checkIn) {
        return Duration.ofMillis(Math.max(1, checkIn.toMillis() / (MISSED_CHECK_INS + 1)));
    }

    /**
     * When {@code node} is dead: three of its own check-in intervals after its last check-in, or later when
     * this node has itself been silent longer than that (it was paused: the others may be alive).
     */
    @Override
    protected long calcFailedIfAfter(SchedulerStateRecord node) {
        long sinceOwnCheckIn = System.currentTimeMillis() - lastCheckin;
        return node.getCheckinTimestamp() + Math.max(MISSED_CHECK_INS * node.getCheckinInterval(), sinceOwnCheckIn);
    }
}
