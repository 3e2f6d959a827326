package dev.replygate.digest;

import dev.replygate.address.MailAddress;
import dev.replygate.config.DigestConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The periods a cron expression cuts: found from the firing alone, in the digest's time zone. */
class DigestScheduleTest {

    @Test
    void aDailyDigestCoversTheDayBeforeItsFiringInItsTimeZone() {
        DigestSchedule daily = schedule("0 0 8 * * ?", "Asia/Tehran");
        Instant firing = Instant.parse("2026-03-21T04:30:00Z");

        assertThat(daily.endedBy(firing)).isEqualTo(new DigestPeriod(Instant.parse("2026-03-20T04:30:00Z"), firing));
        assertThat(daily.lastEnded(firing.plusSeconds(3600))).isEqualTo(daily.endedBy(firing));
        assertThat(daily.inProgress(firing.plusSeconds(3600)))
                .isEqualTo(new DigestPeriod(firing, firing.plusSeconds(3600)));
        assertThat(daily.nextFiringAfter(firing)).isEqualTo(firing.plusSeconds(86_400));
        assertThat(daily.endedBy(firing).hourly()).isTrue();
    }

    @Test
    void aWeeklyDigestCoversSevenDaysAndChartsDays() {
        DigestSchedule weekly = schedule("0 0 8 ? * MON", "UTC");
        Instant monday = Instant.parse("2026-03-23T08:00:00Z");

        DigestPeriod period = weekly.endedBy(monday);

        assertThat(period.start()).isEqualTo(Instant.parse("2026-03-16T08:00:00Z"));
        assertThat(period.hourly()).isFalse();
        assertThat(new MailChart(period, ZoneId.of("UTC")).rows()).hasSize(8);
    }

    @Test
    void aFiringEveryMinuteIsFoundWithoutWalkingFar() {
        DigestSchedule everyMinute = schedule("0 * * * * ?", "UTC");
        Instant now = Instant.parse("2026-03-21T10:15:30Z");

        assertThat(everyMinute.lastFiringAtOrBefore(now)).isEqualTo(Instant.parse("2026-03-21T10:15:00Z"));
        assertThat(everyMinute.inProgress(now).start()).isEqualTo(Instant.parse("2026-03-21T10:15:00Z"));
    }

    @Test
    void aYearlyDigestIsFoundMonthsBack() {
        DigestSchedule yearly = schedule("0 0 0 1 1 ?", "UTC");

        assertThat(yearly.lastEnded(Instant.parse("2026-11-30T00:00:00Z")).start())
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void retentionKeepsWhatTheLongestDigestMayStillReadBackToTheStartOfItsLastEndedPeriod() {
        Instant tuesdayNoon = Instant.parse("2026-03-24T12:00:00Z");

        assertThat(Digests.stillRead(List.of(config("0 0 8 * * ?", "UTC"), config("0 0 8 ? * MON", "UTC")),
                tuesdayNoon)).isEqualTo(Duration.ofDays(8).plusHours(4));
        assertThat(Digests.stillRead(List.of(), tuesdayNoon)).isZero();
    }

    private static DigestSchedule schedule(String cron, String zone) {
        return new DigestSchedule(config(cron, zone));
    }

    private static DigestConfig config(String cron, String zone) {
        return new DigestConfig("d", cron, ZoneId.of(zone), List.of(MailAddress.plain("a@b.test")),
                "en", List.of(), DigestConfig.EmptyPeriod.QUIET_LINE, 20);
    }
}
