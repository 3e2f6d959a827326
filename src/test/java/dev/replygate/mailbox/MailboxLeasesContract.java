package dev.replygate.mailbox;

import dev.replygate.config.StoreConfig;
import dev.replygate.mailbox.MailboxLeases.Holder;
import dev.replygate.outbound.LeaseOwner;
import dev.replygate.store.Store;
import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One reader per mailbox across processes sharing a store: taking, refusing, renewing, freeing, taking
 * over; on each database replygate runs on, subclasses give a fresh one.
 */
abstract class MailboxLeasesContract {

    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Holders named as another machine's: only their lease tells whether they still read. */
    private static final String NODE_A = "node-a.example/4242/-/aaaaaaaa";
    private static final String NODE_B = "node-b.example/4343/-/bbbbbbbb";

    /** Each in its own connection: the pool has one more, for the test's own work. */
    private static final int CONTENDERS = 8;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T04:00:00Z"));
    private StoreConfig config;
    private Store store;
    private MailboxLeases leases;

    abstract StoreConfig freshDatabase();

    @BeforeEach
    void open() {
        StoreConfig fresh = freshDatabase();
        config = new StoreConfig(fresh.url(), fresh.username(), fresh.password(), CONTENDERS + 1);
        store = Store.open(config);
        leases = new MailboxLeases(store, clock, LEASE);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aSecondProcessIsRefusedWhileTheFirstReadsAndToldWhoReads() {
        assertThat(leases.take("support", NODE_A)).isEmpty();

        Optional<Holder> refused = leases.take("support", NODE_B);

        assertThat(refused).contains(new Holder(NODE_A, clock.instant().plus(LEASE)));
        assertThat(leases.take("sales", NODE_B)).as("another mailbox is free").isEmpty();
    }

    @Test
    void aFreedMailboxIsTakenByTheNextProcess() {
        leases.take("support", NODE_A);
        leases.release("support", NODE_B);
        assertThat(leases.take("support", NODE_B)).as("only the holder frees it").isPresent();

        leases.release("support", NODE_A);

        assertThat(leases.holder("support")).isEmpty();
        assertThat(leases.take("support", NODE_B)).isEmpty();
    }

    @Test
    void aDeadHoldersLeaseEndsAndTheMailboxIsTakenOver() {
        leases.take("support", NODE_A);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(leases.take("support", NODE_B)).isPresent();

        clock.advance(Duration.ofSeconds(1));

        assertThat(leases.take("support", NODE_B)).isEmpty();
        assertThat(leases.renew("support", NODE_A)).as("the old holder learns it lost the mailbox").isFalse();
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstTerm() {
        leases.take("support", NODE_A);
        clock.advance(LEASE.minusSeconds(10));
        assertThat(leases.renew("support", NODE_A)).isTrue();

        clock.advance(Duration.ofSeconds(30));

        assertThat(leases.take("support", NODE_B)).isPresent();
    }

    @Test
    void aHolderOnThisMachineWhoseProcessIsGoneLosesTheMailboxAtOnce() {
        String gone = LeaseOwner.ofThisProcess().machine() + "/" + Integer.MAX_VALUE + "/-/cccccccc";
        leases.take("support", gone);

        assertThat(leases.take("support", NODE_B)).isEmpty();
    }

    @Test
    void theSameProcessTakesItsOwnMailboxAgain() {
        leases.take("support", NODE_A);

        assertThat(leases.take("support", NODE_A)).isEmpty();
    }

    /**
     * The contenders are held on the mailbox's row (this test locks it) until all of them are inside their
     * transaction, blocked: only the row lock, not their timing, can keep all but one from taking it.
     */
    @Test
    void ofManyProcessesTakingAFreeMailboxAtOnceExactlyOneGetsIt() throws Exception {
        leases.take("support", NODE_A);
        leases.release("support", NODE_A);
        ExecutorService threads = Executors.newFixedThreadPool(CONTENDERS);
        List<Boolean> taken = new ArrayList<>();
        try (Connection locker = connect(); Connection watcher = connect()) {
            locker.setAutoCommit(false);
            lockRow(locker);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int n = 0; n < CONTENDERS; n++) {
                String owner = "node-" + n + ".example/" + (1000 + n) + "/-/n" + n;
                tries.add(threads.submit(() -> leases.take("support", owner).isEmpty()));
            }
            awaitBlocked(watcher, CONTENDERS);
            locker.commit();
            for (Future<Boolean> attempt : tries) {
                taken.add(attempt.get(1, TimeUnit.MINUTES));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(taken).containsOnlyOnce(true);
    }

    /** How many sessions of this database wait for a lock another one holds (asked outside a transaction). */
    abstract int blockedSessions(Connection connection) throws SQLException;

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(config.url(), config.username(), config.password().reveal());
    }

    private static void lockRow(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT mailbox FROM mailbox_lease WHERE mailbox = 'support' FOR UPDATE");
             ResultSet row = lock.executeQuery()) {
            assertThat(row.next()).isTrue();
        }
    }

    private void awaitBlocked(Connection connection, int sessions) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (blockedSessions(connection) < sessions) {
            assertThat(System.nanoTime()).as("%d sessions blocked on the row in time", sessions).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
