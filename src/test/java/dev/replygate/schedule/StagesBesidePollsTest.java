package dev.replygate.schedule;

/** {@link StagesBesidePolls} with the jobs in memory: one node, as on H2. */
class StagesBesidePollsTest extends StagesBesidePolls {

    @Override
    StageScheduler node() {
        return new StageScheduler("node-a");
    }
}
