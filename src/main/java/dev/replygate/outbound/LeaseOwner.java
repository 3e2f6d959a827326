package dev.replygate.outbound;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an outbox lease, written to {@code lease_owner} as {@code machine/pid/start/nonce}: the
 * machine is the host name plus, where the system shows it, the PID namespace (two containers sharing
 * a host name do not share process numbers); {@code start} is when the process started: on Linux
 * {@code t} and the kernel's count of clock ticks since boot ({@code /proc/PID/stat}), which no change
 * of the wall clock moves; elsewhere epoch milliseconds ({@code -} when the system does not tell); the
 * nonce tells apart deliverers of one process.
 *
 * <p>That is enough to tell a dead holder from a live one on the same machine ({@link #state}): its
 * process is gone, or its number now belongs to a process that started at another time. A holder on
 * another machine, or named in another form (tests, older versions), cannot be judged: its items wait
 * for their lease.
 *
 * @param started    the start in epoch milliseconds, where {@code startTicks} is not known; may be null
 * @param startTicks the start in clock ticks since boot (Linux); may be null
 */
public record LeaseOwner(String machine, long pid, Instant started, Long startTicks, String nonce) {

    /** What a reader of {@code lease_owner} can know about the holder. */
    public enum State {
        /** Its process runs on this machine: it may be sending now. */
        ALIVE,
        /** Its process on this machine is gone: nobody is sending its items. */
        GONE,
        /** On another machine, or in an unknown form: only its lease tells. */
        UNKNOWN
    }

    private static final int MAX_MACHINE_LENGTH = 120;
    /**
     * A start told in wall-clock time (systems without {@code /proc}, older names) moves when the clock is
     * set: the JVM derives it from a boot time it reads once. Starts closer than this are one process.
     */
    private static final Duration SAME_START = Duration.ofSeconds(2);
    private static final String UNKNOWN_START = "-";
    private static final String TICKS = "t";
    private static final String THIS_MACHINE = machineOfThisProcess();
    private static final Optional<Instant> THIS_START = ProcessHandle.current().info().startInstant();
    private static final Optional<Long> THIS_START_TICKS = startTicksOf(ProcessHandle.current().pid());

    /** An owner whose start is told in wall-clock time (or not at all: {@code started} null). */
    public LeaseOwner(String machine, long pid, Instant started, String nonce) {
        this(machine, pid, started, null, nonce);
    }

    /** A new owner for a deliverer in this process. */
    public static LeaseOwner ofThisProcess() {
        String nonce = UUID.randomUUID().toString().substring(0, 8);
        long pid = ProcessHandle.current().pid();
        return THIS_START_TICKS.map(ticks -> new LeaseOwner(THIS_MACHINE, pid, null, ticks, nonce))
                .orElseGet(() -> new LeaseOwner(THIS_MACHINE, pid, THIS_START.orElse(null), nonce));
    }

    /** The owner {@code name} describes, if it is in this class's form. */
    public static Optional<LeaseOwner> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String[] parts = name.split("/", -1);
        if (parts.length != 4 || parts[0].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(parts[1]);
            if (pid <= 0) {
                return Optional.empty();
            }
            if (parts[2].startsWith(TICKS)) {
                long ticks = Long.parseLong(parts[2].substring(TICKS.length()));
                return ticks < 0 ? Optional.empty() : Optional.of(new LeaseOwner(parts[0], pid, null, ticks, parts[3]));
            }
            Instant started = UNKNOWN_START.equals(parts[2]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[2]));
            return Optional.of(new LeaseOwner(parts[0], pid, started, parts[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The state of the holder named {@code name}, as seen from this process. */
    public static State stateOf(String name) {
        return parse(name).map(LeaseOwner::state).orElse(State.UNKNOWN);
    }

    /** The value of {@code lease_owner}. */
    public String name() {
        String start = startTicks != null ? TICKS + startTicks
                : started == null ? UNKNOWN_START : Long.toString(started.toEpochMilli());
        return machine + "/" + pid + "/" + start + "/" + nonce;
    }

    /**
     * Whether this owner's process still runs, when it is on this machine. A process whose start either
     * side cannot tell in the same terms is taken as the same one: a live owner is never declared gone.
     */
    public State state() {
        if (!THIS_MACHINE.equals(machine)) {
            return State.UNKNOWN;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return State.GONE;
        }
        if (startTicks != null) {
            return startTicksOf(pid).filter(ticks -> !ticks.equals(startTicks)).isPresent() ? State.GONE
                    : State.ALIVE;
        }
        Optional<Instant> runningSince = process.get().info().startInstant();
        if (started != null && runningSince.isPresent()
                && Duration.between(started, runningSince.get()).abs().compareTo(SAME_START) >= 0) {
            return State.GONE;
        }
        return State.ALIVE;
    }

    /**
     * When process {@code pid} started, in clock ticks since boot: field 22 of {@code /proc/PID/stat}, counted
     * after the command name, which may hold spaces and ')'. Empty where the system does not tell
     * ({@code replygate reload} judges the PID file's process by it too).
     */
    public static Optional<Long> startTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split(" ");
            return fields.length > 19 ? Optional.of(Long.parseLong(fields[19])) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String machineOfThisProcess() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        String host = runtime.substring(runtime.indexOf('@') + 1).replace('/', '_');
        String machine = host + pidNamespace();
        return machine.length() > MAX_MACHINE_LENGTH ? machine.substring(0, MAX_MACHINE_LENGTH) : machine;
    }

    /** {@code ~pid:[4026531836]} on Linux; empty where the system does not show it. */
    private static String pidNamespace() {
        try {
            return "~" + Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }
}
