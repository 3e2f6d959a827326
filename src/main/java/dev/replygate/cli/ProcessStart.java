package dev.replygate.cli;

import dev.replygate.outbound.LeaseOwner;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, in the terms the system tells: on Linux the kernel's count of clock ticks since
 * boot ({@code /proc/PID/stat}), which no change of the wall clock moves, and the instant the JVM derives
 * from it with the boot time it reads once (a clock set since moves it). Either may be null.
 */
record ProcessStart(Instant instant, Long ticks) {

    /** Instants closer than this are one start: the JVM reads the boot time in whole seconds. */
    private static final Duration SAME_INSTANT = Duration.ofSeconds(2);

    static ProcessStart of(ProcessHandle process) {
        return new ProcessStart(process.info().startInstant().orElse(null),
                LeaseOwner.startTicksOf(process.pid()).orElse(null));
    }

    boolean known() {
        return instant != null || ticks != null;
    }

    /**
     * Whether {@code other} is this same start: by the ticks where both tell them, else by the instants;
     * empty when the two share no term.
     */
    Optional<Boolean> isSameAs(ProcessStart other) {
        if (ticks != null && other.ticks != null) {
            return Optional.of(ticks.equals(other.ticks));
        }
        if (instant != null && other.instant != null) {
            return Optional.of(Duration.between(instant, other.instant).abs().compareTo(SAME_INSTANT) < 0);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return instant != null ? instant.toString()
                : ticks != null ? "clock tick " + ticks + " since boot" : "an unknown time";
    }
}
