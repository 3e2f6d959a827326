package dev.replygate.schedule;

import dev.replygate.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.spi.OperableTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

        TriggerKey otherPoll = new TriggerKey("poll-box2", StageScheduler.SPREAD_GROUP);
        Map<TriggerKey, String> spread = Map.of(poll, "poll-box1", ask, "poll-box1", recoveredPoll, "poll-box1",
                otherPoll, "poll-box2");

        assertThat(FairShareDelegate.without(List.of(poll, recoveredPoll, delivery, ask, recoveredDelivery,
                deliveryAsk), spread, Set.of("poll-box1", "poll-box2"), 2)).containsExactly(delivery, recoveredDelivery);
        assertThat(FairShareDelegate.without(List.of(recoveredPoll, deliveryAsk), spread, Set.of("poll-box1"), 1))
                .containsExactly(deliveryAsk);
        assertThat(FairShareDelegate.without(List.of(ask, otherPoll, delivery), spread, Set.of("poll-box1"), 2))
                .as("a stage left for the others; another spread stage is taken").containsExactly(otherPoll, delivery);
    }

    @Test
    void asManyRunsGiveWayAsTheNodeRunsBeyondItsShareAndNoMore() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
        FairShare share = new FairShare(clock);
        List<String> runs = List.of("f1", "f2", "f3", "f4");
        for (String run : runs) {
            OperableTrigger trigger = acquired(StageScheduler.SPREAD_GROUP, "poll-" + run, run);
            share.acquired(trigger);
            share.started(trigger);
        }
        assertThat(share.giveWay("f1", 4, 1)).as("alone").isFalse();
        assertThat(share.giveWay("f1", 1, 1)).as("alone, whatever the count of stages with work").isFalse();
        assertThat(share.giveWay("f9", 4, 2)).as("a run it does not hold").isFalse();

        // each run asks at once between two batches, from its own thread, as a second node checks in
        ExecutorService threads = Executors.newFixedThreadPool(runs.size());
        List<String> gaveWay = new ArrayList<>();
        try {
            CountDownLatch together = new CountDownLatch(1);
            Map<String, Future<Boolean>> asked = new LinkedHashMap<>();
            for (String run : runs) {
                asked.put(run, threads.submit(() -> {
                    together.await();
                    return share.giveWay(run, 4, 2);
                }));
            }
            together.countDown();
            for (Map.Entry<String, Future<Boolean>> answer : asked.entrySet()) {
                if (answer.getValue().get(10, TimeUnit.SECONDS)) {
                    gaveWay.add(answer.getKey());
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(gaveWay).as("4 going on, the share of 4 stages among 2 nodes is 2").hasSize(2);
        assertThat(runs).filteredOn(run -> share.giveWay(run, 4, 2)).as("at its share now: none more").isEmpty();
        assertThat(gaveWay).allSatisfy(run -> assertThat(share.leftForOthers("poll-" + run)).isTrue());
        assertThat(share.leftForOthers("poll-" + runs.stream().filter(run -> !gaveWay.contains(run)).findFirst()
                .orElseThrow())).as("a stage whose run goes on").isFalse();

        clock.advance(FairShare.LEFT_FOR_OTHERS);
        assertThat(share.leftForOthers("poll-" + gaveWay.get(0))).as("not taken by the others by then").isFalse();
        assertThat(share.leavesAny()).isFalse();
    }

    /**
     * A run acquired ahead of its time (an idle mailbox's next poll, Quartz acquires up to its idle wait ahead) is
     * held but does not go on yet: it never makes another run give way, on a node alone or not.
     */
    @Test
    void aRunAcquiredAheadOfItsTimeMakesNoRunGiveWay() {
        FairShare share = new FairShare();
        OperableTrigger backlog = acquired(StageScheduler.SPREAD_GROUP, "poll-box1", "f1");
        OperableTrigger idleAhead = acquired(StageScheduler.SPREAD_GROUP, "poll-box2", "f2");
        share.acquired(backlog);
        share.started(backlog);
        share.acquired(idleAhead);

        assertThat(share.held()).isEqualTo(2);
        assertThat(share.heldStages()).containsExactlyInAnyOrder("poll-box1", "poll-box2");
        assertThat(share.runsBesideOthers("f1")).isFalse();
        assertThat(share.giveWay("f1", 1, 2)).as("one backlog, two nodes: the one run going on is its share").isFalse();

        share.started(idleAhead);
        assertThat(share.runsBesideOthers("f1")).isTrue();
        share.done(idleAhead);
        assertThat(share.runsBesideOthers("f1")).isFalse();
        assertThat(share.held()).isEqualTo(1);
    }

    @Test
    void aNodeJoinsForTheMomentItIsGivenFromWhenItStarts() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T05:00:00Z"));
        FairShare share = new FairShare(clock);
        assertThat(share.isJoining()).as("not started").isFalse();

        share.joining(FairShare.JOINING);
        assertThat(share.isJoining()).isTrue();
        clock.advance(FairShare.JOINING.minusMillis(1));
        assertThat(share.isJoining()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(share.isJoining()).isFalse();
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
