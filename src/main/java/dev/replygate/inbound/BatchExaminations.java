package dev.replygate.inbound;

import org.slf4j.MDC;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The examinations of one batch's messages, added in batch order by the batch's reading thread and taken
 * back by it in the same order: each done already (examined on the reading thread) or running on a worker
 * over bytes held in memory. The reading thread takes the oldest before it adds more once
 * {@code maxPending} are not taken yet or they hold {@code maxHeldBytes}: memory stays bounded whatever
 * the batch's size.
 *
 * <p>A task runs on its worker with the log context (MDC) its reading thread had when it was added.
 */
final class BatchExaminations<T> implements AutoCloseable {

    private final ExaminationWorkers workers;
    private final int maxPending;
    private final long maxHeldBytes;
    private final Deque<Pending<T>> pending = new ArrayDeque<>();
    private long heldBytes;

    BatchExaminations(ExaminationWorkers workers, int maxPending, long maxHeldBytes) {
        this.workers = workers;
        this.maxPending = maxPending;
        this.maxHeldBytes = maxHeldBytes;
    }

    /** Adds the result of an examination done on the reading thread. */
    void addDone(T result) {
        pending.addLast(new Pending<>(CompletableFuture.completedFuture(result), 0));
    }

    /** Starts {@code task} on a worker; the {@code bytes} it holds count until it is taken. */
    void addOnWorker(Callable<T> task, long bytes) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        pending.addLast(new Pending<>(workers.submit(() -> {
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                return task.call();
            } finally {
                MDC.clear();
            }
        }), bytes));
        heldBytes += bytes;
    }

    /** Whether the oldest must be taken before another is added. */
    boolean full() {
        return pending.size() >= maxPending || heldBytes >= maxHeldBytes;
    }

    /** Whether there is an oldest and taking it does not wait. */
    boolean oldestDone() {
        return !pending.isEmpty() && pending.peekFirst().result().isDone();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * The oldest examination's result, waiting for it; what its task threw is thrown here (an exception
     * that is not a {@link RuntimeException} wrapped in an {@link IllegalStateException}). An interrupt while it
     * waits is thrown as the {@link InterruptedException}, which carries it from then on: the oldest stays
     * pending (its examination goes on, and {@link #close} drops it), and the flag is left clear, since the
     * reading thread still writes the store and H2 closes its file under a thread interrupted in a write.
     */
    T takeOldest() throws InterruptedException {
        Pending<T> oldest = pending.peekFirst();
        if (oldest == null) {
            throw new IllegalStateException("no examination is pending");
        }
        try {
            return oldest.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (oldest.result().isDone()) {
                pending.removeFirst();
                heldBytes -= oldest.bytes();
            }
        }
    }

    /**
     * Cancels what was not taken: the batch stopped before it, its results are not wanted. An examination not
     * begun never runs; one running is left to end (it is bounded: its message is in memory) and its result
     * dropped, never interrupted: an interrupt closes the H2 file channel a worker may be reading through
     * (a notification lookup), and with it the store of every stage.
     */
    @Override
    public void close() {
        pending.forEach(p -> p.result().cancel(false));
        pending.clear();
        heldBytes = 0;
    }

    private record Pending<T>(Future<T> result, long bytes) {
    }
}
