package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RowLockTest {

    private static final String KEY = "victim@customer.test";

    @TempDir
    Path folder;

    /**
     * Issue 12: a rollback to a savepoint empties H2's per-session cache of parsed statements, so a lock
     * that rolled back a failed insert each time made H2 parse every statement of the inbound stage again.
     */
    @Test
    void lockingAnExistingRowRollsNothingBack() {
        try (Store store = Store.open(StoreConfigs.h2In(folder))) {
            List<String> calls = new ArrayList<>();
            store.inTransaction(c -> {
                RowLock.lock(recording(c, calls), "answer_recipient", "recipient", "sara@customer.test");
                return null;
            });
            assertThat(calls).as("the first lock creates the row").contains("releaseSavepoint")
                    .doesNotContain("rollback");
            calls.clear();

            store.inTransaction(c -> {
                RowLock.lock(recording(c, calls), "answer_recipient", "recipient", "sara@customer.test");
                return null;
            });

            assertThat(calls).as("calls on the connection").doesNotContain("rollback", "setSavepoint");
            assertThat(rows(store)).isEqualTo(1);
        }
    }

    private static int rows(Store store) {
        return store.inTransaction(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT COUNT(*) FROM answer_recipient");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    /** {@code connection}, noting the name of each method called on it. */
    private static Connection recording(Connection connection, List<String> calls) {
        return (Connection) Proxy.newProxyInstance(RowLockTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

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
