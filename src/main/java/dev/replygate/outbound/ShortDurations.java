package dev.replygate.outbound;

import java.time.Duration;

/** Durations as operators write them in the configuration: {@code 45s}, {@code 2m}, {@code 1h30m}, {@code 3d}. */
final class ShortDurations {

    private ShortDurations() {
    }

    static String format(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds == 0) {
            return duration.isZero() ? "0s" : "1s";
        }
        StringBuilder text = new StringBuilder();
        append(text, seconds / 86_400, "d");
        append(text, seconds % 86_400 / 3_600, "h");
        append(text, seconds % 3_600 / 60, "m");
        if (seconds < 3_600) {
            append(text, seconds % 60, "s");
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
