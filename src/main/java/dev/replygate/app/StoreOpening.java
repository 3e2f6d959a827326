package dev.replygate.app;

import dev.replygate.store.Store;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A store being opened (the database, and its migrations on a new store: most of a start) on a thread of its
 * own, while the caller builds the parts that need no store. Nothing reads mail before {@link #await} returns
 * the store, schema current.
 */
final class StoreOpening {

    private final FutureTask<Store> opening;

    private StoreOpening(FutureTask<Store> opening) {
        this.opening = opening;
    }

    static StoreOpening begin(Supplier<Store> open) {
        FutureTask<Store> opening = new FutureTask<>(open::get);
        new Thread(opening, "store-opening").start();
        return new StoreOpening(opening);
    }

    /** The open store; what the opening threw, thrown here. */
    Store await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return opening.get();
                } catch (InterruptedException e) {
                    // the opening goes on either way: wait for it, so that no store is left open behind the caller
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unchecked(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * After the caller failed with {@code failure}: closes the store once open. A store that could not be opened
     * is what is reported, as when the store was opened first, with {@code failure} attached.
     */
    void abandon(Throwable failure) {
        Store store;
        try {
            store = await();
        } catch (RuntimeException | Error opening) {
            opening.addSuppressed(failure);
            throw opening;
        }
        try {
            store.close();
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
