package dev.replygate.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.TriggerKey;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The delivery stage's wake-up on one node (jobs in memory): one waiting ask at a time, never a lost one. */
class StageWakeUpTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** Far beyond the test: a run after the first one can only come from an ask. */
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Duration GRACE = StageWakeUp.GRACE;

    @Test
    void asksWhileARunIsInProgressGetOneMoreRunAndAnAskAfterItBeganGetsAnother() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunGoesOn = new CountDownLatch(1);
        try (StageScheduler scheduler = new StageScheduler("wake-up-test")) {
            StageWakeUp wakeUp = new StageWakeUp(scheduler, "deliver");
            scheduler.every("deliver", NEVER, () -> {
                wakeUp.begun();
                if (runs.incrementAndGet() == 1) {
                    awaitQuietly(firstRunGoesOn);
                }
            });
            scheduler.start();
            await().atMost(LIMIT).until(() -> runs.get() == 1);

            for (int answer = 0; answer < 100; answer++) {
                wakeUp.ask();
            }
            firstRunGoesOn.countDown();
            await().atMost(LIMIT).until(() -> runs.get() == 2);
            Thread.sleep(300);
            assertThat(runs).as("a hundred asks while a run went on: one more run, not a hundred").hasValue(2);

            wakeUp.ask();
            await().atMost(LIMIT).until(() -> runs.get() == 3);
        }
    }

    @Test
    void anAskThatCouldNotBeMadeDoesNotSwallowTheNext() {
        AtomicInteger runs = new AtomicInteger();
        try (StageScheduler scheduler = new StageScheduler("wake-up-test")) {
            StageWakeUp wakeUp = new StageWakeUp(scheduler, "deliver");
            // Quartz has no job to trigger yet: this ask fails (logged), and no run of the stage begins after it
            wakeUp.ask();
            scheduler.cron("deliver", "0 0 0 1 1 ? 2099", ZoneOffset.UTC, firing -> {
                wakeUp.begun();
                runs.incrementAndGet();
            });
            scheduler.start();

            wakeUp.ask();
            await().atMost(LIMIT).until(() -> runs.get() == 1);
        }
    }

    /** A stream of answers while the asked run waits: one look at the job store per grace, not one per answer. */
    @Test
    void asksWithinTheGraceMakeNoLookAndOneLookWhenItEnds() {
        CountingScheduler scheduler = new CountingScheduler();
        StageWakeUp wakeUp = new StageWakeUp(scheduler, "deliver", GRACE, scheduler::nanoTime);

        for (int answer = 0; answer < 1000; answer++) {
            wakeUp.ask();
            scheduler.advance(GRACE.dividedBy(2000));
        }
        assertThat(scheduler.asks).as("one trigger").isEqualTo(1);
        assertThat(scheduler.looks).as("no look within the grace").isZero();

        scheduler.runDueLaterTasks();
        assertThat(scheduler.looks).as("the held-back asks: one look when the grace ends").isEqualTo(1);
        assertThat(scheduler.asks).as("the trigger still waits: no second one").isEqualTo(1);

        scheduler.advance(GRACE);
        wakeUp.ask();
        wakeUp.ask();
        assertThat(scheduler.looks).as("after the grace: one look, then a new grace").isEqualTo(2);
        assertThat(scheduler.asks).isEqualTo(1);
    }

    @Test
    void anAskAfterARunBeganOnThisNodeAsksAtOnceWithinTheGrace() {
        CountingScheduler scheduler = new CountingScheduler();
        StageWakeUp wakeUp = new StageWakeUp(scheduler, "deliver", GRACE, scheduler::nanoTime);

        wakeUp.ask();
        wakeUp.begun();
        wakeUp.ask();

        assertThat(scheduler.asks).as("the run that began does not serve what is asked after it").isEqualTo(2);
        assertThat(scheduler.looks).isZero();
        assertThat(scheduler.later).as("nothing held back, no look due").isEmpty();
    }

    /** The asked run began on another node, which never tells this one: the held-back ask still makes a run. */
    @Test
    void anAskHeldBackWhileTheRunBeganElsewhereAsksWhenTheGraceEnds() {
        CountingScheduler scheduler = new CountingScheduler();
        StageWakeUp wakeUp = new StageWakeUp(scheduler, "deliver", GRACE, scheduler::nanoTime);

        wakeUp.ask();
        scheduler.firedElsewhere = true;
        wakeUp.ask();
        assertThat(scheduler.asks).as("held back within the grace").isEqualTo(1);

        scheduler.runDueLaterTasks();
        assertThat(scheduler.asks).as("never swallowed: asked again once the grace ended").isEqualTo(2);
    }

    /** Counts asks and looks; its time moves only when told, and later tasks run when the test says. */
    private static final class CountingScheduler implements StageAsking {
        int asks;
        int looks;
        boolean firedElsewhere;
        private long now;
        private final List<Later> later = new ArrayList<>();

        private record Later(long due, Runnable task) {
        }

        long nanoTime() {
            return now;
        }

        void advance(Duration duration) {
            now += duration.toNanos();
        }

        /** Moves the time on to when the tasks asked for are due, and runs them. */
        void runDueLaterTasks() {
            assertThat(later).as("a look is due").isNotEmpty();
            List<Later> due = new ArrayList<>(later);
            later.clear();
            for (Later task : due) {
                now = Math.max(now, task.due());
                task.task().run();
            }
        }

        @Override
        public Optional<TriggerKey> ask(String name) {
            asks++;
            firedElsewhere = false;
            return Optional.of(new TriggerKey(name + "-soon-" + asks));
        }

        @Override
        public boolean waiting(TriggerKey soon) {
            looks++;
            return !firedElsewhere;
        }

        @Override
        public void later(Duration delay, Runnable task) {
            later.add(new Later(now + delay.toNanos(), task));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
