package dev.replygate.schedule;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link StagesBesidePolls} with the jobs in memory: one node, as on H2. */
class StagesBesidePollsTest extends StagesBesidePolls {

    @Override
    StageScheduler node() {
        return new StageScheduler("node-a");
    }

    /**
     * A poll fired as the node begins to stop, with a turn free, runs: only a run waiting for its turn is skipped.
     * Skipped, the part a mailbox's last run asked for was run by no node until the mailbox's next firing.
     */
    @Test
    void aPollFiredAsTheNodeBeginsToStopWithATurnFreeRuns() {
        AtomicInteger runs = new AtomicInteger();
        StageScheduler node = node();
        node.spread("poll-box1", Duration.ofHours(1), giveWay -> runs.incrementAndGet());
        node.start();
        await().atMost(LIMIT).until(() -> runs.get() == 1);
        // made as close() begins, before Quartz stops: the poll is fired while the node stops
        node.asking().later(Duration.ofHours(1), () -> {
            node.ask("poll-box1");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 2);
            } catch (ConditionTimeoutException e) {
                // asserted below
            }
        });
        node.close();
        assertThat(runs.get()).as("the poll fired as the node stopped ran").isEqualTo(2);
    }

    /**
     * A stop while more polls are due than the node runs at once (a slow IMAP server): in memory every due poll
     * is fired and waits its turn on the node. The stop waits for the running ones only; those waiting never
     * begin a poll (each used to have its turn and run in full, one after another, past a service manager's stop
     * timeout).
     */
    @Test
    void aStopWaitsForTheRunningPollsNotForThoseWaitingTheirTurn() throws InterruptedException {
        int mailboxes = StageScheduler.SPREAD_RUNS + 2;
        Polls polls = new Polls();
        StageScheduler node = node();
        Thread stop = new Thread(node::close, "test-stop");
        try {
            polls.scheduleOn(node, mailboxes);
            node.start();
            await().atMost(LIMIT).until(() -> polls.stuck() == StageScheduler.SPREAD_RUNS
                    && node.waitingForTurn() == mailboxes - StageScheduler.SPREAD_RUNS);
            stop.start();
            await().atMost(LIMIT).until(() -> !node.isRunning());
            await().during(Duration.ofMillis(300)).atMost(LIMIT).until(stop::isAlive);
        } finally {
            polls.release();
        }
        stop.join(TimeUnit.SECONDS.toMillis(LIMIT.toSeconds()));
        assertThat(stop.isAlive()).as("stopped once the running polls ended").isFalse();
        assertThat(polls.begun()).as("the waiting ones never polled").hasSize(StageScheduler.SPREAD_RUNS);
        assertThat(polls.ended()).isEqualTo(StageScheduler.SPREAD_RUNS);
        assertThat(node.waitingForTurn()).isZero();
    }
}
