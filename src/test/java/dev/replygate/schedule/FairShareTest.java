package dev.replygate.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's share of the spread stages' runs: every stage has a node, and no node more than its part, nor more than
 * it runs at once.
 */
class FairShareTest {

    @Test
    void aNodeMayHoldTheSpreadStagesDividedByTheLiveNodesRoundedUp() {
        assertThat(FairShare.of(4, 1)).as("alone: all").isEqualTo(4);
        assertThat(FairShare.of(4, 2)).isEqualTo(2);
        assertThat(FairShare.of(3, 2)).isEqualTo(2);
        assertThat(FairShare.of(4, 3)).isEqualTo(2);
        assertThat(FairShare.of(1, 2)).as("one mailbox, two nodes: whoever is free").isEqualTo(1);
        assertThat(FairShare.of(2, 5)).as("more nodes than mailboxes").isEqualTo(1);
        assertThat(FairShare.of(0, 2)).isEqualTo(1);
        assertThat(FairShare.of(4, 0)).as("no row read: counts as alone").isEqualTo(4);
        assertThat(FairShare.of(StageScheduler.SPREAD_RUNS + 2, 1)).as("alone: as many as it runs at once")
                .isEqualTo(StageScheduler.SPREAD_RUNS);
        assertThat(FairShare.of(StageScheduler.SPREAD_RUNS * 3, 2)).as("the rest wait for a free turn on any node")
                .isEqualTo(StageScheduler.SPREAD_RUNS);
    }

    @Test
    void onlyTheRunsOfSpreadStagesCountAndEachUntilItIsDone() {
        FairShare share = new FairShare();
        OperableTrigger box1 = acquired(StageScheduler.SPREAD_GROUP, "poll-box1", "f1");
        OperableTrigger box2Recovered = acquired(StageScheduler.SPREAD_GROUP, "poll-box2", "f2");
        OperableTrigger delivery = acquired("replygate", "deliver-outbox", "f3");

        share.acquired(box1);
        share.acquired(box2Recovered);
        share.acquired(delivery);

        assertThat(share.held()).isEqualTo(2);
        assertThat(share.mayTakeMore(4, 2)).as("2 of 4 mailboxes, 2 nodes").isFalse();
        assertThat(share.mayTakeMore(4, 1)).as("alone").isTrue();
        share.done(box1);
        share.done(delivery);
        share.done(box1); // given back twice (released, then completed): counted once
        assertThat(share.held()).isEqualTo(1);
        assertThat(share.mayTakeMore(4, 2)).isTrue();
    }

    /**
     * A node at its share leaves every trigger of a spread stage's job, as its share counts them by job: a run
     * Quartz recovers from a dead node has a trigger of Quartz's recovery group, and was taken (then counted, a
     * fifth run held) when the triggers were told by their own group.
     */
    @Test
    void aNodeAtItsShareLeavesEveryTriggerOfASpreadJobARecoveredRunsToo() {
        TriggerKey poll = new TriggerKey("poll-box1", StageScheduler.SPREAD_GROUP);
        TriggerKey ask = new TriggerKey("poll-box1-soon-1", StageScheduler.SPREAD_GROUP + "-soon");
        TriggerKey recoveredPoll = new TriggerKey("recover_node-b_1", "RECOVERING_JOBS");
        TriggerKey recoveredDelivery = new TriggerKey("recover_node-b_2", "RECOVERING_JOBS");
        TriggerKey delivery = new TriggerKey("deliver-outbox", "replygate");
        TriggerKey deliveryAsk = new TriggerKey("deliver-outbox-soon-1", "replygate-soon");

        assertThat(FairShareDelegate.notSpread(List.of(poll, recoveredPoll, delivery, ask, recoveredDelivery,
                deliveryAsk), Set.of(poll, ask, recoveredPoll), 2)).containsExactly(delivery, recoveredDelivery);
        assertThat(FairShareDelegate.notSpread(List.of(recoveredPoll, deliveryAsk), Set.of(recoveredPoll), 1))
                .containsExactly(deliveryAsk);
    }

    @Test
    void asManyRunsGiveWayAsTheNodeHoldsBeyondItsShareAndNoMore() throws Exception {
        FairShare share = new FairShare();
        List<String> runs = List.of("f1", "f2", "f3", "f4");
        for (String run : runs) {
            share.acquired(acquired(StageScheduler.SPREAD_GROUP, "poll-" + run, run));
        }
        assertThat(share.giveWay("f1", 4, 1)).as("alone: its share is all four").isFalse();
        assertThat(share.giveWay("f9", 4, 2)).as("a run it does not hold").isFalse();

        // each run asks at once between two batches, from its own thread, as a second node checks in
        ExecutorService threads = Executors.newFixedThreadPool(runs.size());
        try {
            CountDownLatch together = new CountDownLatch(1);
            List<Future<Boolean>> asked = new ArrayList<>();
            for (String run : runs) {
                asked.add(threads.submit(() -> {
                    together.await();
                    return share.giveWay(run, 4, 2);
                }));
            }
            together.countDown();
            int gaveWay = 0;
            for (Future<Boolean> answer : asked) {
                gaveWay += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(gaveWay).as("4 held, share of 4 stages among 2 nodes is 2").isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
        assertThat(share.held()).isEqualTo(2);
        assertThat(runs).filteredOn(run -> share.giveWay(run, 4, 2)).as("at its share now: none more").isEmpty();
        assertThat(runs).filteredOn(run -> share.giveWay(run, 4, 4)).as("four nodes: one each").hasSize(1);
        assertThat(share.held()).isEqualTo(1);
        assertThat(runs).filteredOn(share::holdsBesideOthers).as("the one run left never asks the store").isEmpty();
    }

    /** A run counts by its job's group, whatever its trigger: here Quartz's own of a recovered run. */
    private static OperableTrigger acquired(String group, String job, String fireInstanceId) {
        OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger()
                .withIdentity("recover_node-b_" + fireInstanceId, "RECOVERING_JOBS")
                .forJob(new JobKey(job, group))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule())
                .build();
        trigger.setFireInstanceId(fireInstanceId);
        return trigger;
    }
}
