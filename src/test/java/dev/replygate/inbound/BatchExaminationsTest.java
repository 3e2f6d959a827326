package dev.replygate.inbound;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchExaminationsTest {

    private final ExaminationWorkers workers = new ExaminationWorkers(3);

    @Test
    void resultsAreTakenInTheOrderTheyWereAddedWhicheverFinishesFirst() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        CountDownLatch thirdDone = new CountDownLatch(1);
        List<String> taken = new ArrayList<>();
        try (BatchExaminations<String> started = new BatchExaminations<>(workers, 10, 1000)) {
            started.addOnWorker(() -> {
                assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
                return "first, finished last";
            }, 1);
            started.addDone("second, done at once");
            started.addOnWorker(() -> {
                thirdDone.countDown();
                return "third";
            }, 1);
            assertThat(thirdDone.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(started.oldestDone()).isFalse();
            released.countDown();
            while (!started.isEmpty()) {
                taken.add(started.takeOldest());
            }
        }
        assertThat(taken).containsExactly("first, finished last", "second, done at once", "third");
    }

    @Test
    void itIsFullAtTheMostPendingOrBytesHeldUntilTheOldestIsTaken() throws Exception {
        try (BatchExaminations<Integer> started = new BatchExaminations<>(workers, 3, 100)) {
            started.addOnWorker(() -> 1, 60);
            assertThat(started.full()).isFalse();
            started.addOnWorker(() -> 2, 40);
            assertThat(started.full()).as("100 bytes held").isTrue();
            assertThat(started.takeOldest()).isEqualTo(1);
            assertThat(started.full()).isFalse();
            started.addDone(3);
            started.addDone(4);
            assertThat(started.full()).as("3 pending").isTrue();
        }
    }

    @Test
    void aWorkerRunsWithTheLogContextOfItsMessageAndLeavesNoneBehind() throws Exception {
        try (BatchExaminations<String> started = new BatchExaminations<>(new ExaminationWorkers(1), 10, 1000)) {
            MDC.put("message_key", "imap:1:7");
            try {
                started.addOnWorker(() -> MDC.get("message_key"), 1);
            } finally {
                MDC.remove("message_key");
            }
            started.addOnWorker(() -> String.valueOf(MDC.get("message_key")), 1);
            assertThat(started.takeOldest()).isEqualTo("imap:1:7");
            assertThat(started.takeOldest()).isEqualTo("null");
        }
    }

    @Test
    void whatATaskThrowsIsThrownWhereItIsTaken() throws Exception {
        try (BatchExaminations<String> started = new BatchExaminations<>(workers, 10, 1000)) {
            started.addOnWorker(() -> {
                throw new StackOverflowError("deep");
            }, 1);
            started.addOnWorker(() -> {
                throw new IllegalStateException("a bug");
            }, 1);
            started.addOnWorker(() -> "after", 1);
            assertThatThrownBy(started::takeOldest).isInstanceOf(StackOverflowError.class).hasMessage("deep");
            assertThatThrownBy(started::takeOldest).isInstanceOf(IllegalStateException.class).hasMessage("a bug");
            assertThat(started.takeOldest()).isEqualTo("after");
        }
    }

    @Test
    void closingCancelsWhatWasNotTakenWithoutInterruptingAWorkerThatRuns() throws Exception {
        // an interrupt would close an H2 file channel the worker reads through (a notification lookup)
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger finished = new AtomicInteger();
        try (BatchExaminations<String> started = new BatchExaminations<>(new ExaminationWorkers(1), 10, 1000)) {
            started.addOnWorker(() -> {
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                } finally {
                    ended.countDown();
                }
                return "never taken";
            }, 1);
            started.addOnWorker(() -> "never run either: " + finished.incrementAndGet(), 1);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        }
        release.countDown();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the running examination was interrupted").isFalse();
        Thread.sleep(200);
        assertThat(finished).as("the examination not begun ran after the close").hasValue(0);
    }

    @Test
    void anInterruptWhileTheOldestIsAwaitedIsThrownAndTheOldestIsNeitherLostNorInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean workerInterrupted = new AtomicBoolean();
        try (BatchExaminations<String> started = new BatchExaminations<>(workers, 10, 1000)) {
            started.addOnWorker(() -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    workerInterrupted.set(true);
                }
                return "examined";
            }, 1);
            Thread.currentThread().interrupt();
            assertThatThrownBy(started::takeOldest).isInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the flag, left set, would close the H2 file the batch is recorded in next").isFalse();
            release.countDown();
            assertThat(started.isEmpty()).as("the oldest is still pending").isFalse();
            assertThat(started.takeOldest()).isEqualTo("examined");
        }
        assertThat(workerInterrupted).as("the worker was interrupted").isFalse();
    }
}
