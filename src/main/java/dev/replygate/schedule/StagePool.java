package dev.replygate.schedule;

import org.quartz.spi.ThreadPool;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Quartz's threads for {@link StageScheduler}: a thread for every run the job store hands out, at once. A pool
 * of a fixed size let runs of some stages hold every thread while another stage's firing waited for one (four
 * mailboxes' polls kept the delivery from running for 47 s), and a configuration can add mailboxes at any reload.
 * What bounds the threads is the jobs: a stage never runs twice at once ({@code DisallowConcurrentExecution}),
 * so there are at most as many runs as stages, and the mailboxes' polls beyond {@link StageScheduler#SPREAD_RUNS}
 * wait their turn on a thread of their own ({@link StageScheduler}). Idle threads end after a minute.
 *
 * <p>Quartz creates it by its class name ({@code org.quartz.threadPool.class}), hence public.
 */
public final class StagePool implements ThreadPool {

    private static final long IDLE_SECONDS = 60;

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadFactory threads = runnable -> {
        Thread thread = new Thread(runnable, "stage-" + threadNumber.incrementAndGet());
        thread.setDaemon(false);
        return thread;
    };
    private final ThreadPoolExecutor runs = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), threads);

    @Override
    public boolean runInThread(Runnable run) {
        try {
            runs.execute(run);
        } catch (RejectedExecutionException e) {
            // shut down meanwhile: the run Quartz fired still runs, as with Quartz's own pool, so that its trigger
            // is completed in the job store rather than put in error
            threads.newThread(run).start();
        }
        return true;
    }

    /** Never waits: a run always finds a thread. */
    @Override
    public int blockForAvailableThreads() {
        return 1;
    }

    @Override
    public void initialize() {
        // threads are made as runs come
    }

    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        runs.shutdown();
        if (!waitForJobsToComplete) {
            return;
        }
        try {
            // a stage's run ends when its work does; Quartz's own pool waits as long
            while (!runs.awaitTermination(1, TimeUnit.SECONDS)) {
                Thread.onSpinWait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The threads there are now, running or idle. */
    @Override
    public int getPoolSize() {
        return runs.getPoolSize();
    }

    @Override
    public void setInstanceId(String instanceId) {
        // the threads are named by run, not by instance
    }

    @Override
    public void setInstanceName(String instanceName) {
        // as above
    }
}
