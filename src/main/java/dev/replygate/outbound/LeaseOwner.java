package dev.replygate.outbound;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds an outbox lease, written to {@code lease_owner} as {@code machine/pid/start/nonce}: the
 * machine is the host name plus, where the system shows it, the PID namespace (two containers sharing
 * a host name do not share process numbers); {@code start} is the process's start in epoch milliseconds
 * ({@code -} when the system does not tell); the nonce tells apart deliverers of one process.
 *
 * <p>That is enough to tell a dead holder from a live one on the same machine ({@link #state}): its
 * process is gone, or its number now belongs to a process that started at another time. A holder on
 * another machine, or named in another form (tests, older versions), cannot be judged: its items wait
 * for their lease.
 */
public record LeaseOwner(String machine, long pid, Instant started, String nonce) {

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
     * Linux derives process start times from the boot time, which clock adjustments shift a little
     * between readings: starts closer than this are one process. A number reused within it is not.
     */
    private static final Duration SAME_START = Duration.ofSeconds(2);
    private static final String UNKNOWN_START = "-";
    private static final String THIS_MACHINE = machineOfThisProcess();
    private static final Optional<Instant> THIS_START = ProcessHandle.current().info().startInstant();

    /** A new owner for a deliverer in this process. */
    public static LeaseOwner ofThisProcess() {
        return new LeaseOwner(THIS_MACHINE, ProcessHandle.current().pid(), THIS_START.orElse(null),
                UUID.randomUUID().toString().substring(0, 8));
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
            Instant started = UNKNOWN_START.equals(parts[2]) ? null : Instant.ofEpochMilli(Long.parseLong(parts[2]));
            return pid > 0 ? Optional.of(new LeaseOwner(parts[0], pid, started, parts[3])) : Optional.empty();
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
        return machine + "/" + pid + "/" + (started == null ? UNKNOWN_START : started.toEpochMilli()) + "/" + nonce;
    }

    /**
     * Whether this owner's process still runs, when it is on this machine. A process whose start time
     * either side does not know is taken as the same one: a live owner is never declared gone.
     */
    public State state() {
        if (!THIS_MACHINE.equals(machine)) {
            return State.UNKNOWN;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return State.GONE;
        }
        Optional<Instant> runningSince = process.get().info().startInstant();
        if (started != null && runningSince.isPresent()
                && Duration.between(started, runningSince.get()).abs().compareTo(SAME_START) >= 0) {
            return State.GONE;
        }
        return State.ALIVE;
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
