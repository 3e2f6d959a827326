package dev.replygate.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Received mail per hour (a period of up to two days) or per day, by outcome: the bars of the
 * digest's chart. Every bucket of the period is a row, empty ones too, so the hours read as a time
 * line. A long period gets buckets of several days, so the chart stays at most {@link #MAX_ROWS} rows.
 */
final class MailChart {

    static final int MAX_ROWS = 62;

    private final List<Instant> starts = new ArrayList<>();
    private final List<Map<MailOutcome, Long>> counts = new ArrayList<>();
    private final boolean hourly;

    MailChart(DigestPeriod period, ZoneId zone) {
        this.hourly = period.hourly();
        ZonedDateTime start = period.start().atZone(zone).truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS);
        long days = Math.max(1, (period.length().toDays() + MAX_ROWS - 1) / MAX_ROWS);
        for (ZonedDateTime at = start; at.toInstant().isBefore(period.end());
                at = hourly ? at.plusHours(1) : at.plusDays(days)) {
            starts.add(at.toInstant());
            counts.add(new EnumMap<>(MailOutcome.class));
        }
    }

    /** Counts one message received {@code at} (within the period) with {@code outcome}. */
    void add(Instant at, MailOutcome outcome) {
        int row = rowOf(at);
        if (row >= 0) {
            counts.get(row).merge(outcome, 1L, Long::sum);
        }
    }

    boolean hourly() {
        return hourly;
    }

    /** The rows, oldest first, each with its bars' widths in percent of the busiest row's total. */
    List<Row> rows() {
        long max = counts.stream().mapToLong(MailChart::total).max().orElse(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Map<MailOutcome, Long> row = counts.get(i);
            List<Bar> bars = new ArrayList<>();
            int used = 0;
            for (MailOutcome outcome : MailOutcome.values()) {
                long count = row.getOrDefault(outcome, 0L);
                if (count > 0) {
                    int width = (int) Math.max(1, Math.round(count * 100.0 / max));
                    width = Math.min(width, 100 - used);
                    used += width;
                    if (width > 0) {
                        bars.add(new Bar(outcome, count, width));
                    }
                }
            }
            rows.add(new Row(starts.get(i), total(row), row, bars, 100 - used));
        }
        return rows;
    }

    private int rowOf(Instant at) {
        for (int i = starts.size() - 1; i >= 0; i--) {
            if (!at.isBefore(starts.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static long total(Map<MailOutcome, Long> row) {
        return row.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * One bucket.
     *
     * @param start  where it starts
     * @param total  messages in it
     * @param counts messages by outcome
     * @param bars   the outcomes that have messages, with their widths in percent
     * @param rest   the width left empty, in percent
     */
    record Row(Instant start, long total, Map<MailOutcome, Long> counts, List<Bar> bars, int rest) {
    }

    /** One coloured part of a row's bar. */
    record Bar(MailOutcome outcome, long count, int width) {
    }
}
