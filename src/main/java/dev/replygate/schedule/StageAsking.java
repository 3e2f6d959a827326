package dev.replygate.schedule;

import org.quartz.TriggerKey;

import java.time.Duration;
import java.util.Optional;

/** What a {@link StageWakeUp} needs of its scheduler ({@link StageScheduler}). */
interface StageAsking {

    /** Asks stage {@code name} to run soon; the one-shot trigger that asks, empty when it could not be made. */
    Optional<TriggerKey> ask(String name);

    /** Whether the trigger of an ask still waits for its firing: a look at the job store (a query on PostgreSQL). */
    boolean waiting(TriggerKey soon);

    /** Runs {@code task} once after {@code delay}, unless the scheduler is closed by then. */
    void later(Duration delay, Runnable task);
}
