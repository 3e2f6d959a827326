package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was wrong with one message but did not stop parsing. Bounded: each distinct problem is
 * kept once with how often it happened, at most {@code max} of them, each of limited length.
 */
final class Problems {

    private static final int MAX_LENGTH = 300;

    private final int max;
    private final boolean limitsFatal;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private int notRecorded;

    Problems(int max, boolean limitsFatal) {
        this.max = max;
        this.limitsFatal = limitsFatal;
    }

    void add(String problem) {
        String text = HeaderText.received(problem);
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH) + "…";
        }
        Integer count = counts.get(text);
        if (count != null) {
            counts.put(text, count + 1);
        } else if (counts.size() < max) {
            counts.put(text, 1);
        } else {
            notRecorded++;
        }
    }

    /** A limit was reached: a problem, or the end of parsing when limits are fatal. */
    void limitReached(String problem) throws InputRejected {
        if (limitsFatal) {
            throw new InputRejected(problem);
        }
        add(problem);
    }

    List<String> list() {
        List<String> list = new ArrayList<>(counts.size() + 1);
        counts.forEach((problem, count) -> list.add(count == 1 ? problem : problem + " (" + count + " times)"));
        if (notRecorded > 0) {
            list.add(notRecorded + " more problems not recorded");
        }
        return List.copyOf(list);
    }
}
