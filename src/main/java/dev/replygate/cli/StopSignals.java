package dev.replygate.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT as a request to stop, handled by replygate rather than by the JVM's shutdown (which would let
 * H2 close the store under the work going on): the first calls the command's stop with the signal's name; a second
 * halts the process at once, as a kill does, and what was under way is taken up again at the next start.
 */
final class StopSignals {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    /** The signals that stop a command, by their numbers. */
    private static final Map<String, Integer> NUMBERS = Map.of("TERM", 15, "INT", 2);

    private StopSignals() {
    }

    /** From now on, the first SIGTERM or SIGINT calls {@code stop} with its name (TERM, INT); another halts. */
    static void handle(Consumer<String> stop) {
        AtomicInteger received = new AtomicInteger();
        for (String name : NUMBERS.keySet()) {
            Signals.on(name, () -> {
                if (received.incrementAndGet() == 1) {
                    stop.accept(name);
                } else {
                    log.warn("SIG{} while stopping: stopping at once; what was under way is taken up again at the"
                            + " next start", name);
                    Runtime.getRuntime().halt(exitCode(name));
                }
            }, "a stop may close the store under the work going on");
        }
    }

    /** The exit code that tells a stop by signal {@code name}: 128 + its number, as for a process it ended. */
    static int exitCode(String name) {
        return 128 + NUMBERS.get(name);
    }
}
