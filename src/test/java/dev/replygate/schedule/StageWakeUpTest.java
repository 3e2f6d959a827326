package dev.replygate.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
