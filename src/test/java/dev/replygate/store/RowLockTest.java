package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RowLockTest {

    private static final String KEY = "victim@customer.test";

    @TempDir
    Path folder;

    /** The retention purge deletes lock rows nothing needs; one may go while a transaction waits for it. */
    @Test
    void aRowDeletedWhileAnotherWaitsForItIsCreatedAgainAndLocked() throws Exception {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            store.inTransaction(c -> {
                RowLock.lock(c, "answer_recipient", "recipient", KEY);
                return null;
            });
            try (Connection holder = store.dataSource().getConnection()) {
                holder.setAutoCommit(false);
                RowLock.lock(holder, "answer_recipient", "recipient", KEY);
                CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> store.inTransaction(c -> {
                    RowLock.lock(c, "answer_recipient", "recipient", KEY);
                    return "locked";
                }));
                awaitBlocked(holder, waiter);
                try (PreparedStatement delete = holder.prepareStatement(
                        "DELETE FROM answer_recipient WHERE recipient = ?")) {
                    delete.setString(1, KEY);
                    assertThat(delete.executeUpdate()).isEqualTo(1);
                }
                holder.commit();

                assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo("locked");
            }
            assertThat(TestRows.count(store, "SELECT COUNT(*) FROM answer_recipient"))
                    .isEqualTo(1);
        }
    }

    /** Waits, at most 30 s, until another session waits for a lock {@code holder}'s session holds. */
    private static void awaitBlocked(Connection holder, CompletableFuture<?> waiter) throws SQLException,
            InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !waiter.isDone()) {
            try (PreparedStatement query = holder.prepareStatement(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = SESSION_ID()");
                 ResultSet row = query.executeQuery()) {
                row.next();
                if (row.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the second transaction never waited for the lock: " + waiter);
    }
}
