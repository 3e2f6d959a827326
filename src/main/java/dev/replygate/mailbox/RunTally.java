package dev.replygate.mailbox;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Counts what one run found and processed. */
final class RunTally {

    /** Asked before a batch after the first: whether the run ends there ({@link #stopsBefore}). */
    private final BooleanSupplier giveWay;

    private final Map<Disposition, Integer> processed = new EnumMap<>(Disposition.class);
    private int found;
    private int deferred;
    private int passedUnread;
    private int left;
    private int unread;
    private String unreadWhy;

    RunTally(BooleanSupplier giveWay) {
        this.giveWay = giveWay;
    }

    void found(int count) {
        found += count;
    }

    /** One message found turned out not to be new: done already (it has our keyword) or deleted meanwhile. */
    void notNew() {
        found--;
    }

    /** The inbound stage failed on a message of its own accord; it is given again next run. */
    void deferred() {
        deferred++;
    }

    /**
     * The inbound stage left a message found unread on the server, and will every run (its key is another's): like a
     * deferred one, it keeps the run reading to the end, or messages after enough such would never be reached.
     */
    void passedUnread() {
        passedUnread++;
    }

    /**
     * Whether the run stops before its next batch, with {@code remaining} messages found and not read yet, having
     * read {@code batches} of the {@code batchesPerRun} it may ({@code remaining} > 0), or after one batch at least
     * when the run is to give way to another node's; then they count as left for the next run. A run
     * that deferred a message (or {@link #passedUnread passed one}) reads on to the end instead: its progress stays before that message, so a run
     * stopped here would leave the next one nothing new to go on with.
     */
    boolean stopsBefore(int batches, int batchesPerRun, int remaining) {
        if (deferred > 0 || passedUnread > 0) {
            return false;
        }
        // asked last: a run that is told to give way stops
        if (batches < batchesPerRun && (batches == 0 || !giveWay.getAsBoolean())) {
            return false;
        }
        left = remaining;
        return true;
    }

    /** The run read all it could but left {@code count} messages unread, and every run will: {@code why}. */
    void unread(int count, String why) {
        unread = count;
        unreadWhy = why;
    }

    void processed(Disposition disposition) {
        processed.merge(disposition, 1, Integer::sum);
    }

    /** The run's report; {@code failure} is why it stopped early, else why it left messages unread, if it did. */
    PollReport report(String mailbox, Duration elapsed, Optional<String> failure) {
        boolean stopped = failure.isPresent();
        return new PollReport(mailbox, found, count(Disposition.REDIRECTED), count(Disposition.IGNORED),
                count(Disposition.QUARANTINED), deferred, left, stopped ? 0 : unread, elapsed,
                stopped ? failure : Optional.ofNullable(unreadWhy));
    }

    private int count(Disposition disposition) {
        return processed.getOrDefault(disposition, 0);
    }
}
