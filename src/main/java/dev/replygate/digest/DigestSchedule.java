package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.schedule.CronFirings;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The periods of a digest, cut by the firings of its cron expression in its time zone: each firing
 * ends one period and starts the next. A period is found from the firing alone, so every node and
 * every restart finds the same one for the same firing. The first firing ends no period: it starts the first.
 */
final class DigestSchedule {

    private final String name;
    private final CronExpression cron;
    private final CronFirings firings;

    DigestSchedule(DigestConfig digest) {
        this.name = digest.name();
        try {
            this.cron = new CronExpression(digest.cron());
        } catch (ParseException e) {
            throw new IllegalArgumentException("digest " + digest.name() + ": invalid cron expression: "
                    + e.getMessage(), e);
        }
        cron.setTimeZone(TimeZone.getTimeZone(digest.timeZone()));
        this.firings = new CronFirings(cron);
    }

    /**
     * The period that the firing at {@code firing} ends; empty when no firing came before it (in
     * {@link CronFirings#LOOK_BACK_AT_MOST}): a cron expression's first firing, such as the first of one that
     * fires from a year on only ({@code 0 0 8 * * ? 2035}), ends no period, it starts the first one.
     */
    Optional<DigestPeriod> endedBy(Instant firing) {
        return lastFiringAtOrBefore(firing.minusMillis(1)).map(start -> new DigestPeriod(start, firing));
    }

    /** The last period that ended at or before {@code now}; empty while none has ended (see {@link #endedBy}). */
    Optional<DigestPeriod> lastEnded(Instant now) {
        return lastFiringAtOrBefore(now).flatMap(this::endedBy);
    }

    /**
     * The period in progress at {@code now}, as far as it went: from the last firing to now; empty before the first
     * firing.
     */
    Optional<DigestPeriod> inProgress(Instant now) {
        return lastFiringAtOrBefore(now.minusMillis(1)).map(start -> new DigestPeriod(start, now));
    }

    /** The first firing after {@code time}. */
    Instant nextFiringAfter(Instant time) {
        Date next = cron.getTimeAfter(Date.from(time));
        if (next == null) {
            throw new IllegalStateException("digest " + name + ": its cron expression `" + cron.getCronExpression()
                    + "` never fires after " + time);
        }
        return next.toInstant();
    }

    /** The latest firing at or before {@code time} ({@link CronFirings}); empty when there was none. */
    Optional<Instant> lastFiringAtOrBefore(Instant time) {
        return firings.lastAtOrBefore(time);
    }
}
