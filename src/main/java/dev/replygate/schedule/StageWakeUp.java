package dev.replygate.schedule;

import org.quartz.TriggerKey;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Asks a stage to run soon with at most one ask waiting: a backlog of thousands of answers asks for one
 * delivery run, not one per answer (each run would claim again). An ask is no longer waiting once a run of
 * the stage began on this node ({@link #begun}), or once its trigger began or vanished anywhere (another node
 * fired it, Quartz dropped it, it could not be made): then the next {@link #ask} asks again, so a wake-up
 * is never swallowed until the stage's next regular firing.
 *
 * <p>Whether the trigger still waits is a query of the job store on PostgreSQL: within {@link #GRACE} of the
 * last look an ask is held back without one, and the held-back asks are looked at once when the grace ends.
 * A run beginning on this node ends the grace at once (it serves what was asked before it); only a run that
 * began on another node can leave an ask waiting for the grace's end.
 */
public final class StageWakeUp {

    /**
     * How long an ask is taken to be still waiting without a look: it bounds the extra wait of an answer whose
     * asked run began on another node, and makes a stream of answers one look per grace instead of one each.
     * Short beside the 1 s an answer may take from its mail's arrival (issue 12.4), of which IDLE takes ~0.6 s.
     */
    static final Duration GRACE = Duration.ofMillis(250);

    private final StageAsking scheduler;
    private final String stage;
    private final long graceNanos;
    private final LongSupplier nanoTime;
    /** The trigger of the last ask, null when none may be waiting; guarded by {@code this}, as below. */
    private TriggerKey asked;
    /** When {@link #asked} was made or last looked at ({@link System#nanoTime()}). */
    private long lookedAt;
    /** An ask was held back within the grace: a look is due when it ends. */
    private boolean heldBack;

    public StageWakeUp(StageScheduler scheduler, String stage) {
        this(scheduler.asking(), stage, GRACE, System::nanoTime);
    }

    StageWakeUp(StageAsking scheduler, String stage, Duration grace, LongSupplier nanoTime) {
        this.scheduler = scheduler;
        this.stage = stage;
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Asks for a run of the stage unless an ask made before still waits for its firing. */
    public synchronized void ask() {
        if (asked != null) {
            long sinceLook = nanoTime.getAsLong() - lookedAt;
            if (sinceLook < graceNanos) {
                if (!heldBack) {
                    heldBack = true;
                    scheduler.later(Duration.ofNanos(graceNanos - sinceLook), this::lookAtHeldBack);
                }
                return;
            }
        }
        askUnlessWaiting();
    }

    /** The grace ended with asks held back: they ask again unless the last ask still waits. */
    synchronized void lookAtHeldBack() {
        if (!heldBack) {
            return;
        }
        heldBack = false;
        if (asked != null) {
            askUnlessWaiting();
        }
    }

    private void askUnlessWaiting() {
        if (asked == null || !scheduler.waiting(asked)) {
            asked = scheduler.ask(stage).orElse(null);
        }
        lookedAt = nanoTime.getAsLong();
    }

    /** A run of the stage begins on this node: what is asked from now on needs a run of its own. */
    public synchronized void begun() {
        asked = null;
        heldBack = false;
    }
}
