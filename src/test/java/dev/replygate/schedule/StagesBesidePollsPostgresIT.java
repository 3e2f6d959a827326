package dev.replygate.schedule;

import dev.replygate.store.Store;
import dev.replygate.testsupport.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link StagesBesidePolls} on the clustered PostgreSQL job store, and what a node does with the firings it missed
 * while it was down: each runs once, at once, a cron stage's with the missed firing's own time.
 */
class StagesBesidePollsPostgresIT extends StagesBesidePolls {

    /** Long: no node is declared dead during a test. */
    private static final Duration CHECK_IN = Duration.ofSeconds(60);

    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(PostgresServer.shared().createDatabase("besidepolls").storeConfig());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    StageScheduler node() {
        return new StageScheduler("node-a", JobStore.clustered(store.dataSource(), CHECK_IN));
    }

    /**
     * The node was down two minutes past an hourly stage's firing (retention) and over a digest's: both are
     * misfires (Quartz used to move the hourly stage to its next slot, an hour on, and give the digest the time of
     * its late run, which made it the digest of a period of a few seconds).
     */
    @Test
    void firingsMissedWhileTheNodeWasDownRunOnceAtOnceTheDigestWithItsOwnTime() {
        String daily = "0 0 3 * * ?";
        Instant now = Instant.now();
        Instant todayAtThree = LocalDate.now(ZoneOffset.UTC).atTime(LocalTime.of(3, 0)).toInstant(ZoneOffset.UTC);
        Instant lastDailyFiring = todayAtThree.isAfter(now) ? todayAtThree.minus(Duration.ofDays(1)) : todayAtThree;
        AtomicInteger hourly = new AtomicInteger();
        List<Instant> digests = new CopyOnWriteArrayList<>();
        try (StageScheduler before = node()) {
            before.every("retention", Duration.ofHours(1), () -> { });
            before.cron("digest-daily", daily, ZoneOffset.UTC, firing -> { });
            before.start();
        }
        nextFiring("retention", now.minus(Duration.ofMinutes(2)));
        nextFiring("digest-daily", lastDailyFiring);

        try (StageScheduler after = node()) {
            after.every("retention", Duration.ofHours(1), hourly::incrementAndGet);
            after.cron("digest-daily", daily, ZoneOffset.UTC, digests::add);
            after.start();
            await().atMost(LIMIT).until(() -> hourly.get() == 1 && digests.size() == 1);
        }

        assertThat(digests).as("the missed firing's own time, once").containsExactly(lastDailyFiring);
        assertThat(hourly).hasValue(1);
    }

    private void nextFiring(String trigger, Instant at) {
        store.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE qrtz_triggers SET next_fire_time = ? WHERE sched_name = 'replygate' AND trigger_name = ?")) {
                update.setLong(1, at.toEpochMilli());
                update.setString(2, trigger);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
    }
}
