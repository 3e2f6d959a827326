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
        CronFirings daily = firings("0 0 8 * * ?", "Europe/Berlin");
        Instant firing = Instant.parse("2026-03-21T07:00:00Z");

        assertThat(StageScheduler.ownFiring(daily, firing)).as("on time").isEqualTo(firing);
        assertThat(StageScheduler.ownFiring(daily, Instant.parse("2026-03-21T07:00:07.250Z"))).isEqualTo(firing);
        assertThat(StageScheduler.ownFiring(daily, Instant.parse("2026-03-22T06:59:59Z"))).as("late by a day")
                .isEqualTo(firing);
        CronFirings never = firings("0 0 0 1 1 ? 2099", "UTC");
        assertThat(StageScheduler.ownFiring(never, firing)).as("no firing before: its own time").isEqualTo(firing);
    }

    /**
     * A misfire handled within the second of a firing is not that firing's own run at a few milliseconds past it
     * (a digest of the period (09:00:00, 09:00:00.300]): it stands for the firing of that second.
     */
    @Test
    void aMisfireHandledWithinTheSecondOfAFiringStandsForThatFiring() throws ParseException {
        CronFirings daily = firings("0 0 9 * * ?", "UTC");

        assertThat(StageScheduler.ownFiring(daily, Instant.parse("2026-03-21T09:00:00.300Z")))
                .isEqualTo(Instant.parse("2026-03-21T09:00:00Z"));
        assertThat(StageScheduler.ownFiring(daily, Instant.parse("2026-03-21T08:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-03-20T09:00:00Z"));
    }

    /**
     * The firings are those Quartz makes on the days clocks change: 02:30 in Berlin is twice on the day they go
     * back and Quartz fires at the second (01:30Z, not 00:30Z), and is not at all on the day they go forward.
     */
    @Test
    void aMisfireOnTheDaysClocksChangeStandsForAFiringQuartzMade() throws ParseException {
        CronFirings night = firings("0 30 2 * * ?", "Europe/Berlin");

        assertThat(StageScheduler.ownFiring(night, Instant.parse("2026-10-25T01:45:00Z"))).as("clocks go back")
                .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(StageScheduler.ownFiring(night, Instant.parse("2026-10-25T01:29:59Z")))
                .isEqualTo(Instant.parse("2026-10-24T00:30:00Z"));
        assertThat(StageScheduler.ownFiring(night, Instant.parse("2026-03-29T12:00:00Z"))).as("clocks go forward")
                .isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
        assertThat(StageScheduler.ownFiring(night, Instant.parse("2026-03-30T00:30:00.400Z")))
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    private static CronFirings firings(String expression, String zone) throws ParseException {
        CronExpression cron = new CronExpression(expression);
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        return new CronFirings(cron);
    }
}
