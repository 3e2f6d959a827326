package dev.replygate.mailbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells a body the server refuses for the message's own reason from a server that refuses bodies as a whole.
 * When a body is refused or cut, the server is asked for a piece of other messages of the run, none refused in
 * this run: first the last one whose body it served, the run's newest, and a few at growing distances after the
 * refused one and before it ({@link #FIRST_ASKED}); when it serves none of those, the nearest others, up to
 * {@link #MAX_ASKED} in all (two probes). One served: the refusal is the message's own ({@link BodyRefused}, counted
 * towards its quarantine). None served: the server's ({@link ServerRefusesBodies}, an outage: nothing counted,
 * the run stops, the next one tries again). Nothing is asked until a refusal.
 *
 * <p>The spread is what keeps a mailbox going when a stranger's messages, which the server cannot serve, come in a
 * row at the head of a run: asking only the next few would find those alone and stop every run there. A message
 * that is the run's only one cannot be compared: its refusal is taken for the server's until the server serves it
 * or another message arrives (that one then tells), so nothing is quarantined on a guess, and the run's failure
 * says so.
 *
 * <p>Safe for bodies read by several threads, though the protocols' reads go one at a time.
 *
 * @param <K> how a message of the run is named to the server (an IMAP UID, a POP3 message number)
 */
final class RefusalWitnesses<K> {

    /** Other messages asked for in the first probe after one refusal, at most. */
    static final int FIRST_ASKED = 8;
    /** Other messages asked for after one refusal, at most, in two probes. */
    static final int MAX_ASKED = 64;
    /** Messages of the run named in a failure, at most. */
    private static final int MAX_NAMED = 8;

    /** Asks the server for a piece of messages' bodies. */
    @FunctionalInterface
    interface Probe<K> {
        /**
         * Whether the server serves some of the body of one of {@code messages} at least (none empty); throws on an
         * outage (the connection lost).
         */
        boolean servesAny(List<K> messages) throws IOException;
    }

    private final List<K> run;
    private final Map<K, Integer> positions = new HashMap<>();
    private final String label;
    private final Probe<K> probe;
    private final Set<K> refused = new HashSet<>();
    private K lastServed;

    /** {@code run}: the messages of the run in the order they are read; {@code label} names one in a log ("UID "). */
    RefusalWitnesses(List<K> run, String label, Probe<K> probe) {
        this.run = List.copyOf(run);
        for (int i = 0; i < this.run.size(); i++) {
            positions.putIfAbsent(this.run.get(i), i);
        }
        this.label = label;
        this.probe = probe;
    }

    /** The server served {@code message}'s body whole. */
    synchronized void served(K message) {
        lastServed = message;
        refused.remove(message);
    }

    /** What the read of {@code message} fails with, now that the server refused its body ({@code refusal}). */
    synchronized IOException judged(K message, BodyRefused refusal) throws IOException {
        refused.add(message);
        List<K> witnesses = witnessesFor(message);
        if (witnesses.isEmpty()) {
            return new ServerRefusesBodies("cannot tell whether the server or the message is at fault: "
                    + refusal.getMessage() + "; no other message to compare with: nothing is counted against it,"
                    + " and it is read again at the next run (another message, once there, tells)");
        }
        List<K> first = witnesses.subList(0, Math.min(FIRST_ASKED, witnesses.size()));
        List<K> more = witnesses.subList(first.size(), witnesses.size());
        if (probe.servesAny(first) || !more.isEmpty() && probe.servesAny(more)) {
            return refusal;
        }
        return new ServerRefusesBodies("the server refuses message bodies, not this message's alone: "
                + refusal.getMessage() + "; and it served none of " + named(witnesses) + " either");
    }

    /** The other messages to ask, in the order {@link RefusalWitnesses} says, at most {@link #MAX_ASKED}. */
    private List<K> witnessesFor(K message) {
        List<K> asked = new ArrayList<>();
        consider(lastServed, message, asked);
        if (!run.isEmpty()) {
            consider(run.get(run.size() - 1), message, asked);
        }
        int position = positions.getOrDefault(message, -1);
        for (int distance = 1; position + distance < run.size(); distance *= 2) {
            consider(run.get(position + distance), message, asked);
        }
        for (int distance = 1; position >= 0 && position - distance >= 0; distance *= 2) {
            consider(run.get(position - distance), message, asked);
        }
        // the nearest, a bounded stretch each way: a long row of refused ones is not scanned again and again
        for (int i = position + 1; i < run.size() && i <= position + 4 * MAX_ASKED; i++) {
            consider(run.get(i), message, asked);
        }
        for (int i = position - 1; i >= 0 && i >= position - 4 * MAX_ASKED; i--) {
            consider(run.get(i), message, asked);
        }
        return asked;
    }

    private void consider(K witness, K message, List<K> asked) {
        if (witness != null && asked.size() < MAX_ASKED && !witness.equals(message) && !refused.contains(witness)
                && !asked.contains(witness)) {
            asked.add(witness);
        }
    }

    private String named(List<K> witnesses) {
        String named = witnesses.stream().limit(MAX_NAMED).map(other -> label + other)
                .collect(Collectors.joining(", "));
        return witnesses.size() > MAX_NAMED ? named + " and " + (witnesses.size() - MAX_NAMED) + " more" : named;
    }
}
