package dev.replygate.mailbox;

import dev.replygate.config.InstanceConfig;
import dev.replygate.config.MailboxConfig;
import dev.replygate.store.Store;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.replygate.mailbox.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 13: with two nodes on one PostgreSQL store, one IDLE connection per mailbox, on the node holding its
 * IDLE lease; the other starts IDLE when it takes the mailbox over.
 */
class IdleTurnPostgresIT {

    private static final Duration GENEROUS = Duration.ofSeconds(30);
    /** A lease of 1.2 s, asked again every 0.4 s. */
    private static final InstanceConfig NODE = new InstanceConfig("node", "replygate.test", Duration.ofMillis(600));
    /** A holder on another machine: only its lease tells whether it still idles. */
    private static final String OTHER_MACHINE = "node-b.example/4343/-/bbbbbbbb";

    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestMailServer server;
    private Store store;

    @BeforeEach
    void start() {
        server = new TestMailServer();
        store = Store.open(PostgresServer.shared().createDatabase("idle_turn").storeConfig());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        store.close();
        server.close();
    }

    /** A node's watcher: its own turn (its own lease owner), counting its wake-ups. */
    private IdleWatcher node(AtomicInteger wakeUps) {
        MailboxConfig config = TestMailboxes.imap(server);
        IdleWatcher watcher = new IdleWatcher(config, wakeUps::incrementAndGet,
                IdleTurn.leased(store, Clock.systemUTC(), NODE), IdleWatcher.RENEW_AFTER,
                new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(500)));
        closing.add(watcher);
        watcher.start();
        return watcher;
    }

    @Test
    void oneOfTwoNodesIdlesAndTheOtherTakesOverWhenItStops() throws Exception {
        AtomicInteger wakeUpsA = new AtomicInteger();
        AtomicInteger wakeUpsB = new AtomicInteger();
        IdleWatcher a = node(wakeUpsA);
        IdleWatcher b = node(wakeUpsB);
        await().atMost(GENEROUS).until(() -> a.isIdling() || b.isIdling());
        // several of the nodes' lease renewals and takeover attempts
        for (int look = 0; look < 40; look++) {
            assertThat(a.isIdling() && b.isIdling()).as("both nodes idle on the mailbox").isFalse();
            Thread.sleep(50);
        }
        IdleWatcher holder = a.isIdling() ? a : b;
        IdleWatcher other = holder == a ? b : a;
        AtomicInteger holderWakeUps = holder == a ? wakeUpsA : wakeUpsB;
        AtomicInteger otherWakeUps = holder == a ? wakeUpsB : wakeUpsA;

        server.deliver(message(1, "Re: ticket 1"));
        await().atMost(GENEROUS).until(() -> holderWakeUps.get() >= 1);
        assertThat(otherWakeUps).as("the other node has no IDLE to be woken by").hasValue(0);

        holder.close();
        await().atMost(GENEROUS).until(other::isIdling);
        int before = otherWakeUps.get();
        assertThat(before).as("taking over wakes the poll once: mail may have come meanwhile").isPositive();
        server.deliver(message(2, "Re: ticket 2"));
        await().atMost(GENEROUS).until(() -> otherWakeUps.get() > before);
    }

    @Test
    void aNodeWhoseLeaseWasTakenStopsIdlingUntilTheLeaseIsFreeAgain() {
        IdleWatcher watcher = node(new AtomicInteger());
        await().atMost(GENEROUS).until(watcher::isIdling);

        // another node took the mailbox over (this one was frozen, or cut off from the store, longer than its lease)
        setHolder(OTHER_MACHINE, OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
        await().atMost(GENEROUS).until(() -> !watcher.isIdling() && watcher.isRunning());

        setHolder(OTHER_MACHINE, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1)); // that node died
        await().atMost(GENEROUS).until(watcher::isIdling);
    }

    private void setHolder(String holder, OffsetDateTime until) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE mailbox_idle_lease SET holder = ?, lease_until = ? WHERE mailbox = 'support'")) {
                update.setString(1, holder);
                update.setObject(2, until);
                return update.executeUpdate();
            }
        });
    }
}
