package dev.replygate.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT as a request to stop, handled by replygate rather than by the JVM's shutdown (which would let
 * H2 close the store under the work going on). Put in place before the store opens: the first signal is kept, and
 * given to the command's stop as soon as the command has one ({@link #onStop}); a second one halts the process at
 * once, as a kill does, and what was under way is taken up again at the next start. Closing it gives the signals
 * back to the JVM.
 */
final class StopSignals implements AutoCloseable, BooleanSupplier {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    /** The signals that stop a command, by their numbers. */
    private static final Map<String, Integer> NUMBERS = Map.of("TERM", 15, "INT", 2);

    private final List<Signals.Handled> handled = new ArrayList<>();
    private String received;
    private Consumer<String> stop = signal -> { };

    private StopSignals() {
    }

    /** From now on, until closed, SIGTERM and SIGINT ask the command to stop. */
    static StopSignals handle() {
        StopSignals signals = new StopSignals();
        for (String name : NUMBERS.keySet()) {
            signals.handled.add(Signals.on(name, () -> signals.received(name),
                    "a stop may close the store under the work going on"));
        }
        return signals;
    }

    /** The command's stop: called with the signal's name (TERM, INT) at the first one, at once if it came already. */
    void onStop(Consumer<String> commandStop) {
        String already;
        synchronized (this) {
            stop = commandStop;
            already = received;
        }
        if (already != null) {
            commandStop.accept(already);
        }
    }

    /** Whether a stop was asked for. */
    @Override
    public synchronized boolean getAsBoolean() {
        return received != null;
    }

    /** The exit code that tells the stop: 128 + the signal's number, as for a process it ended. */
    synchronized int exitCode() {
        return 128 + NUMBERS.get(received);
    }

    /** The signal that asked for the stop (TERM, INT); only once {@link #getAsBoolean} says so. */
    synchronized String signal() {
        return received;
    }

    private void received(String name) {
        Consumer<String> commandStop;
        synchronized (this) {
            if (received != null) {
                log.warn("SIG{} while stopping: stopping at once; what was under way is taken up again at the next"
                        + " start", name);
                Runtime.getRuntime().halt(128 + NUMBERS.get(name));
                return;
            }
            received = name;
            commandStop = stop;
        }
        commandStop.accept(name);
    }

    @Override
    public void close() {
        handled.forEach(Signals.Handled::close);
    }
}
