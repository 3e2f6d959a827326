package dev.replygate.app;

import dev.replygate.config.Secret;
import dev.replygate.config.StoreConfig;
import dev.replygate.store.NewerSchemaRefused;
import dev.replygate.store.Store;
import dev.replygate.testsupport.StoreConfigs;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreOpeningTest {

    private static final StoreConfig UNSUPPORTED = new StoreConfig("jdbc:mysql://db.example.com/replygate", "u",
            Secret.empty(), 1);

    @Test
    void theStoreComesBackMigratedOnTheThreadThatWaits() throws Exception {
        try (Store store = StoreOpening.begin(() -> Store.open(StoreConfigs.h2(newDatabase()))).await();
             Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet outbox = statement.executeQuery("SELECT COUNT(*) FROM outbox")) {
            assertThat(outbox.next()).isTrue();
            assertThat(outbox.getInt(1)).isZero();
        }
    }

    @Test
    void whatTheOpeningThrewIsThrownByTheWait() {
        StoreOpening opening = StoreOpening.begin(() -> Store.open(UNSUPPORTED));

        assertThatThrownBy(opening::await).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported JDBC URL");
    }

    @Test
    void aCallerThatFailedClosesTheOpenedStore() {
        AtomicReference<Store> opened = new AtomicReference<>();
        StoreOpening opening = StoreOpening.begin(() -> {
            opened.set(Store.open(StoreConfigs.h2(newDatabase())));
            return opened.get();
        });
        IllegalStateException failure = new IllegalStateException("templates failed");

        opening.abandon(failure);

        assertThat(opened.get()).isNotNull();
        assertThatThrownBy(() -> opened.get().dataSource().getConnection()).as("the pool is closed")
                .hasMessageContaining("closed");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void aStoreThatCouldNotBeOpenedIsReportedFirstWithTheCallersFailureAttached() {
        StoreOpening opening = StoreOpening.begin(() -> Store.open(UNSUPPORTED));
        IllegalStateException failure = new IllegalStateException("templates failed");

        assertThatThrownBy(() -> opening.abandon(failure)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(failure));
    }

    @Test
    void anInterruptedWaitStillReturnsTheStoreAndKeepsTheInterrupt() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StoreOpening opening = StoreOpening.begin(() -> {
            waiting.countDown();
            awaitQuietly(release);
            return Store.open(StoreConfigs.h2(newDatabase()));
        });
        AtomicReference<Store> got = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            got.set(opening.await());
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        release.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(caller.isAlive()).isFalse();
        assertThat(got.get()).isNotNull();
        assertThat(stillInterrupted.get()).isTrue();
        got.get().close();
    }

    /** A store a newer replygate migrated (its history names a version this jar has not): refused, by its version. */
    @Test
    void aStoreAtANewerVersionThanTheJarIsRefusedByName() throws Exception {
        String url = newDatabase();
        int newestMigrated;
        try (Store store = Store.open(StoreConfigs.h2(url));
             Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            newestMigrated = newestVersion(statement);
            statement.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                    + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
                    + " \"success\") VALUES (1000, '99', 'from a newer replygate', 'SQL', 'V99__newer.sql', 1, 'sa', 1,"
                    + " TRUE)");
        }
        assertThat(newestMigrated).as("the newest version in the fresh store's history").isGreaterThanOrEqualTo(27);
        StoreOpening opening = StoreOpening.begin(() -> Store.open(StoreConfigs.h2(url)));

        assertThatThrownBy(opening::await).isInstanceOf(NewerSchemaRefused.class)
                .hasMessageContaining("version 99, newer than this replygate knows (version " + newestMigrated + ")")
                .hasMessageNotContaining("repair");
    }

    /** The newest version this jar migrated the store to: the newest it knows. */
    private static int newestVersion(Statement statement) throws SQLException {
        try (ResultSet newest = statement.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM"
                + " \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            newest.next();
            return newest.getInt(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newDatabase() {
        return "jdbc:h2:mem:opening_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }
}
