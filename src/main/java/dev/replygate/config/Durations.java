package dev.replygate.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the config file and the command line write them: a whole number and one unit,
 * {@code 500ms 30s 15m 2h 3d}; {@code 1h30m} is refused (write {@code 90m}). Every duration replygate
 * prints, in a log line or an error, is written the same way, so it can be copied into the config.
 */
public final class Durations {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s"};

    private Durations() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static Duration parse(String text) {
        Matcher matcher = SYNTAX.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(text.startsWith("-")
                    ? "`" + text + "` is negative; a duration is at least 0"
                    : "`" + text + "` is not a duration; write a whole number and a unit: 500ms, 30s, 15m, 2h or 3d");
        }
        try {
            return Duration.of(Long.parseLong(matcher.group(1)), UNITS.get(matcher.group(2)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("`" + text + "` is too long a duration");
        }
    }

    /**
     * {@code duration} rounded up to whole seconds (to whole milliseconds below one second) and written
     * as {@link #format} writes it: for waits and timeouts in log lines, where milliseconds of jitter
     * say nothing.
     */
    public static String formatRounded(Duration duration) {
        if (duration.isNegative()) {
            return format(duration);
        }
        ChronoUnit unit = duration.compareTo(Duration.ofSeconds(1)) < 0 ? ChronoUnit.MILLIS : ChronoUnit.SECONDS;
        Duration down = duration.truncatedTo(unit);
        return format(down.equals(duration) ? duration : down.plus(unit.getDuration()));
    }

    /** {@code duration} in the largest unit that divides it exactly, as {@link #parse} reads it back. */
    public static String format(Duration duration) {
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        if (duration.isZero()) {
            return "0s";
        }
        long millis = duration.toMillis();
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            if (millis % UNIT_MILLIS[i] == 0) {
                return millis / UNIT_MILLIS[i] + UNIT_NAMES[i];
            }
        }
        return millis + "ms";
    }
}
