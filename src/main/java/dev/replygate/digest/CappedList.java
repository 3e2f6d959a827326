package dev.replygate.digest;

import java.util.ArrayList;
import java.util.List;

/** The first items given (the newest, when given newest first) up to a limit, and how many were given. */
final class CappedList {

    private final int limit;
    private final List<DigestItem> items = new ArrayList<>();
    private long total;

    CappedList(int limit) {
        this.limit = limit;
    }

    void add(DigestItem item) {
        total++;
        if (items.size() < limit) {
            items.add(item);
        }
    }

    List<DigestItem> items() {
        return List.copyOf(items);
    }

    long total() {
        return total;
    }
}
