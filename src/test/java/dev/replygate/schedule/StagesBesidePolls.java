package dev.replygate.schedule;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stages that are not a mailbox's poll (delivery, digests) run while more polls than a node runs at once are
 * stuck (a slow IMAP server, a long backlog at a quarter core): a pool of four threads held by four polls once kept
 * the delivery waiting 47 s. The polls beyond {@link StageScheduler#SPREAD_RUNS} wait their turn, and each mailbox
 * has its turn once the stuck ones end. Run on each job store ({@link #node}).
 */
abstract class StagesBesidePolls {

    static final Duration LIMIT = Duration.ofSeconds(60);
    private static final int MAILBOXES = StageScheduler.SPREAD_RUNS + 2;
    /** A part of a backlog: long beside the moment between a run's end and the next one's start. */
    private static final long PART_MILLIS = 200;

    /** A node of the job store under test; each call the same node again, as a restart or a reload makes it. */
    abstract StageScheduler node();

    /**
     * What the node holds in a clustered store ({@link FairShare}): what ran at once tells nothing of it there,
     * the node's turns alone keep that at {@link StageScheduler#SPREAD_RUNS}.
     */
    private static void assertHeldInStore(StageScheduler node, int runs) {
        node.spreadRunsHeldInStore().ifPresent(held -> assertThat(held).as("spread runs the node holds in the store")
                .isEqualTo(runs));
    }

    @Test
    void deliveryAndDigestsRunWhileMorePollsThanItRunsAtOnceAreStuck() {
        Polls polls = new Polls();
        Others others = new Others(polls);
        try (StageScheduler node = node()) {
            StageWakeUp delivery = others.scheduleOn(node);
            polls.scheduleOn(node, MAILBOXES);
            node.start();
            try {
                othersRunBesideStuckPolls(polls, others, delivery);
                assertThat(polls.begun()).as("the other mailboxes wait their turn").hasSize(StageScheduler.SPREAD_RUNS);
                assertHeldInStore(node, StageScheduler.SPREAD_RUNS);
            } finally {
                polls.release();
            }
            await().atMost(LIMIT).until(() -> polls.ended() == MAILBOXES);
            assertThat(polls.begun()).as("every mailbox had its turn").hasSize(MAILBOXES);
            assertThat(polls.mostAtOnce()).isEqualTo(StageScheduler.SPREAD_RUNS);
        }
    }

    /**
     * Every mailbox has a backlog: each run reads a part and asks for the next at once. The mailboxes beyond the
     * turns run too: each has several runs. (Whether the turns are given in the order asked, this cannot tell: an
     * unfair semaphore passes it as well.)
     */
    @Test
    void theMailboxesBeyondTheTurnsRunTooWhileAllOfThemHaveBacklogs() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        List<String> mailboxes = Polls.names(MAILBOXES);
        try (StageScheduler node = node()) {
            for (String mailbox : mailboxes) {
                StageWakeUp nextPart = new StageWakeUp(node, mailbox);
                node.spread(mailbox, Duration.ofHours(1), giveWay -> {
                    nextPart.begun();
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    node.spreadRunsHeldInStore().ifPresent(held -> mostHeld.accumulateAndGet(held, Math::max));
                    try {
                        Thread.sleep(PART_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        running.decrementAndGet();
                    }
                    runs.computeIfAbsent(mailbox, key -> new AtomicInteger()).incrementAndGet();
                    nextPart.ask();
                });
            }
            node.start();
            await().atMost(LIMIT).until(() -> mailboxes.stream()
                    .allMatch(mailbox -> runs.getOrDefault(mailbox, new AtomicInteger()).get() >= 3));
        }
        assertThat(most.get()).isLessThanOrEqualTo(StageScheduler.SPREAD_RUNS);
        assertThat(mostHeld.get()).as("most spread runs the node held in the store")
                .isLessThanOrEqualTo(StageScheduler.SPREAD_RUNS);
    }

    /**
     * A reload stops the node's scheduler and starts one with the new configuration: here, more mailboxes (on a
     * clustered store the two kept keep their timing, an hour on; the added ones run at once).
     */
    @Test
    void aReloadThatAddsMailboxesKeepsTheOtherStagesRunning() {
        Polls few = new Polls();
        few.release();
        try (StageScheduler before = node()) {
            new Others(few).scheduleOn(before);
            few.scheduleOn(before, 2);
            before.start();
            await().atMost(LIMIT).until(() -> few.ended() == 2);
        }

        Polls many = new Polls();
        Others others = new Others(many);
        try (StageScheduler after = node()) {
            StageWakeUp delivery = others.scheduleOn(after);
            many.scheduleOn(after, MAILBOXES + 2);
            after.start();
            try {
                othersRunBesideStuckPolls(many, others, delivery);
                assertHeldInStore(after, StageScheduler.SPREAD_RUNS);
            } finally {
                many.release();
            }
            List<String> added = Polls.names(MAILBOXES + 2).subList(2, MAILBOXES + 2);
            await().atMost(LIMIT).until(() -> many.begun().containsAll(added) && many.ended() >= added.size()
                    && many.stuck() == 0);
            assertThat(many.mostAtOnce()).isEqualTo(StageScheduler.SPREAD_RUNS);
        }
    }

    /** Once the node runs as many polls as it may, all stuck: a delivery asked for and a digest run beside them. */
    private static void othersRunBesideStuckPolls(Polls polls, Others others, StageWakeUp delivery) {
        await().atMost(LIMIT).until(() -> polls.stuck() == StageScheduler.SPREAD_RUNS);
        delivery.ask();
        await().atMost(LIMIT).until(() -> others.deliveriesBesideStuckPolls() >= 1
                && others.digestsBesideStuckPolls() >= 1);
    }

    /** The mailboxes' polls: each stuck until released, counted. */
    static final class Polls {
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final Set<String> begun = ConcurrentHashMap.newKeySet();

        static List<String> names(int mailboxes) {
            return IntStream.rangeClosed(1, mailboxes).mapToObj(i -> "poll-box" + i).toList();
        }

        void scheduleOn(StageScheduler node, int mailboxes) {
            for (String name : names(mailboxes)) {
                node.spread(name, Duration.ofHours(1), giveWay -> run(name));
            }
        }

        private void run(String mailbox) {
            begun.add(mailbox);
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (!released.await(LIMIT.toSeconds() * 3, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released " + mailbox);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                ended.incrementAndGet();
            }
        }

        /** How many polls are stuck now (0 once released). */
        int stuck() {
            return released.getCount() == 0 ? 0 : running.get();
        }

        Set<String> begun() {
            return Set.copyOf(begun);
        }

        int mostAtOnce() {
            return most.get();
        }

        int ended() {
            return ended.get();
        }

        void release() {
            released.countDown();
        }
    }

    /**
     * A delivery stage (every hour, and when asked; each node its own, as the daemon's) and a digest firing every
     * second, counted beside stuck polls.
     */
    static final class Others {
        private final Polls polls;
        private final AtomicInteger deliveries = new AtomicInteger();
        private final AtomicInteger digests = new AtomicInteger();

        Others(Polls polls) {
            this.polls = polls;
        }

        StageWakeUp scheduleOn(StageScheduler node) {
            StageWakeUp delivery = new StageWakeUp(node, "deliver-outbox");
            node.onEveryNode("deliver-outbox", Duration.ofHours(1), () -> {
                delivery.begun();
                countIfPollsStuck(deliveries);
            });
            node.cron("digest-every-second", "* * * * * ?", ZoneOffset.UTC, (Instant firing) -> countIfPollsStuck(digests));
            return delivery;
        }

        private void countIfPollsStuck(AtomicInteger runs) {
            if (polls.stuck() == StageScheduler.SPREAD_RUNS) {
                runs.incrementAndGet();
            }
        }

        int deliveriesBesideStuckPolls() {
            return deliveries.get();
        }

        int digestsBesideStuckPolls() {
            return digests.get();
        }
    }
}
