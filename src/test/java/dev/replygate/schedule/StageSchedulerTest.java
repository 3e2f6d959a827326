package dev.replygate.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class StageSchedulerTest {

    /** Quartz gives a cron stage's run that misfired the time it ran at: the stage is given the firing it stands for. */
    @Test
    void aCronRunStandsForItsFiringOrAfterAMisfireForTheLastFiringBefore() throws ParseException {
        CronExpression daily = new CronExpression("0 0 8 * * ?");
        daily.setTimeZone(TimeZone.getTimeZone("Europe/Berlin"));
        Instant firing = Instant.parse("2026-03-21T07:00:00Z");

        assertThat(StageScheduler.ownFiring(daily, firing)).as("on time").isEqualTo(firing);
        assertThat(StageScheduler.ownFiring(daily, Instant.parse("2026-03-21T07:00:07.250Z"))).isEqualTo(firing);
        assertThat(StageScheduler.ownFiring(daily, Instant.parse("2026-03-22T06:59:59Z"))).as("late by a day")
                .isEqualTo(firing);
        CronExpression never = new CronExpression("0 0 0 1 1 ? 2099");
        assertThat(StageScheduler.ownFiring(never, firing)).as("no firing before: its own time").isEqualTo(firing);
    }
}
