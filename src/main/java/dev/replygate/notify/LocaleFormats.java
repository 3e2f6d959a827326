package dev.replygate.notify;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dates and counts as the reader writes them, with ICU: the calendar and digits preferred in
 * the locale's region (for {@code fa}: the Solar Hijri calendar and Persian digits), in the
 * configured time zone.
 */
final class LocaleFormats {

    enum DateStyle {
        /** "1 Farvardin 1405" / "March 21, 2026" */
        DATE,
        /** the date and the time of day */
        DATETIME,
        /** the time of day alone: "2:00 PM" / "۱۴:۰۰" */
        TIME
    }

    private final ZoneId zone;
    private final TimeZone icuZone;
    /** The last {@link #today} per locale: every answer of a day shows the same date. */
    private final Map<Locale, Today> todays = new ConcurrentHashMap<>();

    LocaleFormats(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.icuZone = TimeZone.getTimeZone(zone.getId());
    }

    /** {@code now}'s calendar date in the {@link DateStyle#DATE} style, formatted once per locale and day. */
    String today(Instant now, Locale locale) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        Today last = todays.get(locale);
        if (last == null || !last.day().equals(day)) {
            last = new Today(day, date(day, locale, DateStyle.DATE));
            todays.put(locale, last);
        }
        return last.text();
    }

    private record Today(LocalDate day, String text) {
    }

    static boolean isRightToLeft(Locale locale) {
        return ULocale.forLocale(locale).isRightToLeft();
    }

    /**
     * Formats a point in time or a calendar date. Accepts {@link Instant}, the java.time
     * date-times, {@link LocalDate}, {@link Date} and ISO-8601 strings; empty for null or "".
     */
    String date(Object value, Locale locale, DateStyle style) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return "";
        }
        DateStyle effective = value instanceof LocalDate
                || value instanceof String s && isIsoDateOnly(s) ? DateStyle.DATE : style;
        ULocale reader = readerLocale(locale);
        Calendar calendar = Calendar.getInstance(icuZone, reader);
        DateFormat format = switch (effective) {
            case DATE -> DateFormat.getDateInstance(calendar, DateFormat.LONG, reader);
            case DATETIME -> DateFormat.getDateTimeInstance(calendar, DateFormat.LONG, DateFormat.SHORT, reader);
            case TIME -> DateFormat.getTimeInstance(calendar, DateFormat.SHORT, reader);
        };
        return format.format(Date.from(toInstant(value)));
    }

    /** Formats a count with the locale's digits and grouping; ticket ids are not counts. */
    String number(Object value, Locale locale) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return "";
        }
        Number number;
        if (value instanceof Number n) {
            number = n;
        } else {
            try {
                number = new java.math.BigDecimal(value.toString().strip());
            } catch (NumberFormatException e) {
                throw new TemplateException("not a number: '" + value + "'");
            }
        }
        return NumberFormat.getInstance(readerLocale(locale)).format(number);
    }

    private static ULocale readerLocale(Locale locale) {
        // the region decides the calendar: "fa" alone becomes fa_Arab_IR, hence Persian
        return ULocale.addLikelySubtags(ULocale.forLocale(locale));
    }

    private Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        } else if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        } else if (value instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        } else if (value instanceof LocalDate date) {
            // noon, not midnight: some zones skip midnight on their DST day
            return date.atTime(12, 0).atZone(zone).toInstant();
        } else if (value instanceof Date date) {
            return date.toInstant();
        } else if (value instanceof String text) {
            return parse(text.strip());
        }
        throw new TemplateException("not a date: " + value.getClass().getName() + " '" + value + "'");
    }

    private Instant parse(String text) {
        try {
            if (isIsoDateOnly(text)) {
                return toInstant(LocalDate.parse(text));
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                return toInstant(LocalDateTime.parse(text));
            }
        } catch (DateTimeParseException e) {
            throw new TemplateException("not an ISO-8601 date or date-time: '" + text + "'", e);
        }
    }

    private static boolean isIsoDateOnly(String text) {
        return text.strip().matches("\\d{4}-\\d{2}-\\d{2}");
    }
}
