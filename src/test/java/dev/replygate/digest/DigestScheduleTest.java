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

        assertThat(daily.endedBy(firing)).contains(new DigestPeriod(Instant.parse("2026-03-20T04:30:00Z"), firing));
        assertThat(daily.lastEnded(firing.plusSeconds(3600))).isEqualTo(daily.endedBy(firing));
        assertThat(daily.inProgress(firing.plusSeconds(3600)))
                .contains(new DigestPeriod(firing, firing.plusSeconds(3600)));
        assertThat(daily.nextFiringAfter(firing)).isEqualTo(firing.plusSeconds(86_400));
        assertThat(daily.endedBy(firing).orElseThrow().hourly()).isTrue();
    }

    @Test
    void aWeeklyDigestCoversSevenDaysAndChartsDays() {
        DigestSchedule weekly = schedule("0 0 8 ? * MON", "UTC");
        Instant monday = Instant.parse("2026-03-23T08:00:00Z");

        DigestPeriod period = weekly.endedBy(monday).orElseThrow();

        assertThat(period.start()).isEqualTo(Instant.parse("2026-03-16T08:00:00Z"));
        assertThat(period.hourly()).isFalse();
        assertThat(new MailChart(period, ZoneId.of("UTC")).rows()).hasSize(8);
    }

    @Test
    void aFiringEveryMinuteIsFoundWithoutWalkingFar() {
        DigestSchedule everyMinute = schedule("0 * * * * ?", "UTC");
        Instant now = Instant.parse("2026-03-21T10:15:30Z");

        assertThat(everyMinute.lastFiringAtOrBefore(now)).contains(Instant.parse("2026-03-21T10:15:00Z"));
        assertThat(everyMinute.inProgress(now).orElseThrow().start()).isEqualTo(Instant.parse("2026-03-21T10:15:00Z"));
    }

    @Test
    void aYearlyDigestIsFoundMonthsBack() {
        DigestSchedule yearly = schedule("0 0 0 1 1 ?", "UTC");

        assertThat(yearly.lastEnded(Instant.parse("2026-11-30T00:00:00Z")).orElseThrow().start())
                .isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void retentionKeepsWhatTheLongestDigestMayStillReadBackToTheStartOfItsLastEndedPeriod() {
        Instant tuesdayNoon = Instant.parse("2026-03-24T12:00:00Z");

        assertThat(Digests.stillRead(List.of(config("0 0 8 * * ?", "UTC"), config("0 0 8 ? * MON", "UTC")),
                tuesdayNoon)).isEqualTo(Duration.ofDays(8).plusHours(4));
        assertThat(Digests.stillRead(List.of(), tuesdayNoon)).isZero();
    }

    /**
     * A cron expression that fires from a year on only has a first firing: it ends no period, it starts the first,
     * which the second firing ends; before the first, no period is in progress and the digests read nothing.
     */
    @Test
    void theFirstFiringEndsNoPeriodItStartsTheFirst() {
        DigestSchedule from2035 = schedule("0 0 8 * * ? 2035", "Asia/Tehran");
        Instant first = Instant.parse("2035-01-01T04:30:00Z");
        Instant second = first.plus(Duration.ofDays(1));
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        assertThat(from2035.nextFiringAfter(now)).isEqualTo(first);
        assertThat(from2035.lastFiringAtOrBefore(now)).isEmpty();
        assertThat(from2035.lastEnded(now)).isEmpty();
        assertThat(from2035.inProgress(now)).isEmpty();
        assertThat(Digests.stillRead(List.of(config("0 0 8 * * ? 2035", "Asia/Tehran")), now)).isZero();

        assertThat(from2035.endedBy(first)).isEmpty();
        assertThat(from2035.lastEnded(first.plusSeconds(60))).isEmpty();
        assertThat(from2035.inProgress(first.plusSeconds(60))).contains(new DigestPeriod(first, first.plusSeconds(60)));
        assertThat(Digests.stillRead(List.of(config("0 0 8 * * ? 2035", "Asia/Tehran")), first.plusSeconds(60)))
                .as("the period in progress, which the first digest covers").isEqualTo(Duration.ofMinutes(1));

        assertThat(from2035.endedBy(second)).contains(new DigestPeriod(first, second));
        assertThat(from2035.lastEnded(second.plusSeconds(60))).contains(new DigestPeriod(first, second));
    }

    private static DigestSchedule schedule(String cron, String zone) {
        return new DigestSchedule(config(cron, zone));
    }

    private static DigestConfig config(String cron, String zone) {
        return new DigestConfig("d", cron, ZoneId.of(zone), List.of(MailAddress.plain("a@b.test")),
                "en", List.of(), DigestConfig.EmptyPeriod.QUIET_LINE, 20);
    }
}
