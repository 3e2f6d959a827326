package dev.replygate.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.impl.jdbcjobstore.SchedulerStateRecord;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure detection that keeps a takeover within the configured check-in interval. */
class CheckInJobStoreTest {

    @Test
    void aNodeChecksInEveryQuarterOfTheConfiguredInterval() {
        assertThat(CheckInJobStore.checkInEvery(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
        assertThat(CheckInJobStore.checkInEvery(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(500));
        assertThat(CheckInJobStore.checkInEvery(Duration.ofMillis(2))).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aNodeSilentForThreeOfItsCheckInsIsDeadWithoutQuartzsFixedGrace() {
        CheckInJobStore store = new CheckInJobStore();
        SchedulerStateRecord other = node(1_000_000L, 5_000L);

        long failedAfter = store.calcFailedIfAfter(other);

        // three of its 5 s check-ins, no 7.5 s added: the judge, checking in every 5 s too, sees it within 20 s
        assertThat(failedAfter).isEqualTo(1_000_000L + 15_000L);
    }

    @Test
    void aNodeThatWasItselfSilentLongerGivesTheOthersAsLong() throws InterruptedException {
        CheckInJobStore store = new CheckInJobStore();
        SchedulerStateRecord other = node(1_000_000L, 1L);
        Thread.sleep(20); // this node's own last check-in (its creation) is now 20 ms or more ago

        long failedAfter = store.calcFailedIfAfter(other);

        assertThat(failedAfter).isGreaterThanOrEqualTo(1_000_000L + 20L);
    }

    private static SchedulerStateRecord node(long lastCheckIn, long interval) {
        SchedulerStateRecord node = new SchedulerStateRecord();
        node.setSchedulerInstanceId("node-b");
        node.setCheckinTimestamp(lastCheckIn);
        node.setCheckinInterval(interval);
        return node;
    }
}
