package dev.replygate.retention;

import dev.replygate.store.Store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Purges outbox items that are done with: sent ones past their horizon, and failed ones an operator
 * gives up on. A notification goes with its outbox item, since its row points at it; an inbound record
 * that points at a purged answer keeps its other columns (who was answered) and loses the link.
 */
final class OutboxPurge {

    private final Store store;
    private final int batchSize;

    OutboxPurge(Store store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    /**
     * Deletes sent items other than notifications sent before {@code horizon}. Notifications are kept with
     * the records ({@link #purgeSentNotifications}): a customer's reply is matched to its notification.
     */
    Batches.Totals purgeSent(Instant horizon) {
        return purge("SELECT id FROM outbox WHERE state = 'sent' AND kind <> 'notification' AND sent_at < ?"
                + " ORDER BY id", "sent", horizon);
    }

    /** Deletes notifications made before {@code recordsHorizon} whose mail was sent before {@code sentHorizon}. */
    Batches.Totals purgeSentNotifications(Instant recordsHorizon, Instant sentHorizon) {
        return purge("SELECT o.id FROM outbox o JOIN notification n ON n.outbox_id = o.id WHERE o.state = 'sent'"
                + " AND n.created_at < ? AND o.sent_at < ? ORDER BY o.id", "sent", recordsHorizon, sentHorizon);
    }

    /** Deletes failed items whose last attempt was before {@code before}. */
    Batches.Totals purgeFailed(Instant before) {
        return purge("SELECT id FROM outbox WHERE state = 'failed' AND updated_at < ? ORDER BY id", "failed", before);
    }

    private Batches.Totals purge(String candidates, String state, Object... parameters) {
        return Batches.run(store, connection -> {
            List<Long> ids = RowIds.select(connection, candidates + RowIds.first(batchSize), parameters);
            return deleteItems(connection, ids, state, ids.size() == batchSize);
        });
    }

    /**
     * Deletes the items among {@code ids} still in {@code state} (a failed item retried meanwhile stays),
     * with the notifications that point at them, and unlinks the inbound records that do.
     */
    private static Batches.Batch deleteItems(Connection connection, List<Long> ids, String state, boolean more)
            throws SQLException {
        String stillInState = "(SELECT id FROM outbox WHERE id IN (IDS) AND state = ?)";
        RowIds.update(connection, "UPDATE inbound_message SET answer_outbox_id = NULL WHERE answer_outbox_id IN "
                + stillInState, ids, state);
        int notifications = RowIds.update(connection, "DELETE FROM notification WHERE outbox_id IN " + stillInState,
                ids, state);
        int items = RowIds.update(connection, "DELETE FROM outbox WHERE id IN (IDS) AND state = ?", ids, state);
        return new Batches.Batch(items, notifications, more);
    }
}
