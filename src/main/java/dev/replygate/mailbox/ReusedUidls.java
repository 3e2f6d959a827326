package dev.replygate.mailbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The POP3 messages of one mailbox that this process found listed under the key of another recorded message
 * ({@link OtherMessageUnderKey}), by key, with the size the server listed them at. While the server lists the key at
 * that size, the message is not read again every run to be hashed and found other again: it stays on the server,
 * named on the mailbox's status. A key the server stops listing, or lists at another size, is forgotten (and read
 * again, once); so is one named {@link #RECHECK} ago, in case the record of its key was purged since. At most
 * {@code capacity} keys are kept, so that a server listing ever more of them costs no more memory: one past it is
 * read every run, as before. Runs of a mailbox never overlap, but may run on other threads.
 */
final class ReusedUidls {

    /** Keys kept per mailbox: some hundreds of kilobytes at most. */
    static final int CAPACITY = 4096;
    /** How long a key is not read again. */
    static final Duration RECHECK = Duration.ofDays(1);

    private record Named(long size, Instant at) {
    }

    private final int capacity;
    private final Clock clock;
    private final Map<String, Named> named = new HashMap<>();

    ReusedUidls(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Whether {@code key} was named as reused at {@code size}, less than {@link #RECHECK} ago. */
    synchronized boolean named(String key, long size) {
        Named one = named.get(key);
        return one != null && one.size() == size && clock.instant().isBefore(one.at().plus(RECHECK));
    }

    /**
     * Remembers {@code key}, listed at {@code size}, as named reused now; returns false when it cannot (the size
     * unknown, or {@code capacity} keys kept already).
     */
    synchronized boolean remember(String key, long size) {
        if (size < 0 || named.size() >= capacity && !named.containsKey(key)) {
            return false;
        }
        named.put(key, new Named(size, clock.instant()));
        return true;
    }

    /** Forgets the keys that {@code listed} (key to size: a run's messages to read) does not hold at their size. */
    synchronized void keepListed(Map<String, Long> listed) {
        named.entrySet().removeIf(one -> !Long.valueOf(one.getValue().size()).equals(listed.get(one.getKey())));
    }
}
