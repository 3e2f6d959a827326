package dev.replygate.retention;

import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs a purge one batch per transaction, so that no transaction holds many row locks or runs long
 * while the pipeline records beside it.
 */
final class Batches {

    /** Bounds one purge: at the default batch size, a hundred million rows; the rest waits for the next run. */
    private static final int MAX_BATCHES = 100_000;

    private Batches() {
    }

    /** Runs {@code step} until it reports nothing more to do; returns the rows it deleted. */
    static Totals run(Store store, Step step) {
        Totals totals = new Totals(0, 0);
        for (int i = 0; i < MAX_BATCHES; i++) {
            Batch batch = store.inTransaction(step::next);
            totals = new Totals(totals.deleted() + batch.deleted(), totals.dependents() + batch.dependents());
            if (!batch.more()) {
                break;
            }
        }
        return totals;
    }

    /** One batch: finds at most a batch of rows and deletes those that may go. */
    @FunctionalInterface
    interface Step {
        Batch next(Connection connection) throws SQLException;
    }

    /**
     * @param deleted    rows deleted
     * @param dependents rows of another table deleted with them (notifications of outbox items)
     * @param more       true when the batch was full: there may be more
     */
    record Batch(int deleted, int dependents, boolean more) {
    }

    /** Rows deleted by all batches of one purge. */
    record Totals(long deleted, long dependents) {
    }
}
