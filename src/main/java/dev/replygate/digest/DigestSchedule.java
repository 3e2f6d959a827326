package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.schedule.CronFirings;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * The periods of a digest, cut by the firings of its cron expression in its time zone: each firing
 * ends one period and starts the next. A period is found from the firing alone, so every node and
 * every restart finds the same one for the same firing.
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

    /** The period that the firing at {@code firing} ends. */
    DigestPeriod endedBy(Instant firing) {
        return new DigestPeriod(lastFiringAtOrBefore(firing.minusMillis(1)), firing);
    }

    /** The last period that ended at or before {@code now}. */
    DigestPeriod lastEnded(Instant now) {
        return endedBy(lastFiringAtOrBefore(now));
    }

    /** The period in progress at {@code now}, as far as it went: from the last firing to now. */
    DigestPeriod inProgress(Instant now) {
        return new DigestPeriod(lastFiringAtOrBefore(now.minusMillis(1)), now);
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

    /** The latest firing at or before {@code time} ({@link CronFirings}). */
    Instant lastFiringAtOrBefore(Instant time) {
        return firings.lastAtOrBefore(time).orElseThrow(() -> new IllegalStateException("digest " + name
                + ": its cron expression `" + cron.getCronExpression() + "` did not fire in the "
                + CronFirings.LOOK_BACK_AT_MOST.toDays() + " days before " + time));
    }
}
