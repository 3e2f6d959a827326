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
 * When a body is refused or cut, the server is asked for a piece of other messages of the run: the last one
 * whose body it served, then the ones after the refused one, then those before it, none refused in this run,
 * at most {@link #MAX_ASKED}. One served: the refusal is the message's own ({@link BodyRefused}, counted
 * towards its quarantine). None served, or no other message to ask for: the server's ({@link ServerRefusesBodies},
 * an outage: nothing counted, the run stops, the next one tries again). Nothing is asked until a refusal.
 *
 * <p>The bound is a trade-off: a run that starts with more than {@code MAX_ASKED} messages in a row whose bodies
 * the server refuses each for its own reason stops as an outage at the first of them until the server serves
 * one (or another message arrives first); a server in trouble is far likelier than that.
 *
 * <p>Safe for bodies read by several threads, though the protocols' reads go one at a time.
 *
 * @param <K> how a message of the run is named to the server (an IMAP UID, a POP3 message number)
 */
final class RefusalWitnesses<K> {

    /** Other messages asked for after one refusal, at most. */
    static final int MAX_ASKED = 8;

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
        List<K> asked = witnessesFor(message);
        if (!asked.isEmpty() && probe.servesAny(asked)) {
            return refusal;
        }
        return new ServerRefusesBodies("the server refuses message bodies, not this message's alone: "
                + refusal.getMessage() + (asked.isEmpty() ? "; no other message to compare with"
                : "; and it served none of " + asked.stream().map(other -> label + other)
                .collect(Collectors.joining(", ")) + " either"));
    }

    private List<K> witnessesFor(K message) {
        List<K> asked = new ArrayList<>();
        if (lastServed != null) {
            consider(lastServed, message, asked);
        }
        int position = positions.getOrDefault(message, -1);
        for (int i = position + 1; i < run.size() && asked.size() < MAX_ASKED; i++) {
            consider(run.get(i), message, asked);
        }
        for (int i = position - 1; i >= 0 && asked.size() < MAX_ASKED; i--) {
            consider(run.get(i), message, asked);
        }
        return asked;
    }

    private void consider(K witness, K message, List<K> asked) {
        if (!witness.equals(message) && !refused.contains(witness) && !asked.contains(witness)) {
            asked.add(witness);
        }
    }
}
