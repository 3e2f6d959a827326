package dev.replygate.schedule;

import org.quartz.TriggerKey;

/**
 * Asks a stage to run soon with at most one ask waiting: a backlog of thousands of answers asks for one
 * delivery run, not one per answer (each run would claim again). An ask is no longer waiting once a run of
 * the stage began on this node ({@link #begun}), or once its trigger began or vanished anywhere (another node
 * fired it, Quartz dropped it, it could not be made): then the next {@link #ask} asks again, so a wake-up
 * is never swallowed until the stage's next regular firing.
 */
public final class StageWakeUp {

    private final StageScheduler scheduler;
    private final String stage;
    /** The trigger of the last ask, null when none may be waiting; guarded by {@code this}. */
    private TriggerKey asked;

    public StageWakeUp(StageScheduler scheduler, String stage) {
        this.scheduler = scheduler;
        this.stage = stage;
    }

    /** Asks for a run of the stage unless an ask made before still waits for its firing. */
    public synchronized void ask() {
        if (asked != null && scheduler.waiting(asked)) {
            return;
        }
        asked = scheduler.ask(stage).orElse(null);
    }

    /** A run of the stage begins on this node: what is asked from now on needs a run of its own. */
    public synchronized void begun() {
        asked = null;
    }
}
