package dev.replygate.inbound;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that examine messages whose bytes are held in memory (parse, classify, decide, write the
 * answer), one per core, shared by every mailbox's pipeline, while each mailbox's reading thread goes on
 * fetching. They only examine: what a batch records, logs and counts is done on its reading thread, in
 * order ({@link BatchExaminations}). Idle threads end after a while, so nothing needs closing.
 */
final class ExaminationWorkers {

    /** More threads than this would wait on the reading thread and the store rather than examine. */
    static final int MAX_THREADS = 8;
    private static final long IDLE_SECONDS = 30;

    private final int threads;
    private final ThreadPoolExecutor pool;

    ExaminationWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
        AtomicInteger created = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "examine-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** One thread per core the JVM may use, at most {@value #MAX_THREADS}. */
    static ExaminationWorkers ofCores() {
        return new ExaminationWorkers(Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS));
    }

    int threads() {
        return threads;
    }

    <T> Future<T> submit(Callable<T> task) {
        return pool.submit(task);
    }
}
