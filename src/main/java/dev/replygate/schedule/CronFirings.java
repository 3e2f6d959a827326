package dev.replygate.schedule;

import org.quartz.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The firings of a Quartz cron expression in its time zone, looked for backwards: the firings Quartz makes, found
 * only with {@link CronExpression#getTimeAfter} as Quartz does. Quartz's own {@code getTimeBefore} gives firings
 * Quartz never makes on the day clocks go back (for {@code 0 30 2 * * ?} in Europe/Berlin on 2026-10-25, 00:30Z
 * when Quartz fires at 01:30Z), and {@code isSatisfiedBy} ignores milliseconds.
 */
public final class CronFirings {

    /** How far back a firing is looked for: a cron expression may fire once a year, or in leap years only. */
    public static final Duration LOOK_BACK_AT_MOST = Duration.ofDays(5 * 366);

    private final CronExpression cron;

    public CronFirings(CronExpression cron) {
        this.cron = cron;
    }

    /**
     * The latest firing at or before {@code time}; empty when there was none in {@link #LOOK_BACK_AT_MOST}. This
     * looks back twice as far each round until a firing is found, then walks forward to the latest one.
     */
    public Optional<Instant> lastAtOrBefore(Instant time) {
        for (Duration back = Duration.ofMinutes(1); back.compareTo(LOOK_BACK_AT_MOST) <= 0;
                back = back.multipliedBy(2)) {
            Date found = cron.getTimeAfter(Date.from(time.minus(back)));
            if (found != null && !found.toInstant().isAfter(time)) {
                Instant latest = found.toInstant();
                for (Date next = cron.getTimeAfter(found); next != null && !next.toInstant().isAfter(time);
                        next = cron.getTimeAfter(next)) {
                    latest = next.toInstant();
                }
                return Optional.of(latest);
            }
        }
        return Optional.empty();
    }
}
