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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowLockTest {

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
}
