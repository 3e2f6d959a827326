package dev.replygate.outbound;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 9: an outbox row is read by column name, so a query's column order cannot shift its fields. */
class OutboxRowsTest {

    private final TestStore db = new TestStore();
    private final Outbox outbox = new Outbox(db.store, Clock.systemUTC());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anItemReadsTheSameWhateverTheOrderOfItsColumns() {
        long id = db.store.inTransaction(c -> outbox.enqueue(c, Entries.notification(1, "key-1"))).id();
        List<String> reversed = new ArrayList<>(Arrays.asList(OutboxRows.ITEM_COLUMNS.split(",\\s*")));
        Collections.reverse(reversed);

        OutboxItem read = db.store.inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + String.join(", ", reversed) + " FROM outbox WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return OutboxRows.item(row);
                }
            }
        });

        assertThat(read).isEqualTo(outbox.find(id).orElseThrow());
        assertThat(read.idempotencyKey()).isEqualTo("key-1");
        assertThat(read.recipient()).isEqualTo("customer1@example.org");
    }
}
