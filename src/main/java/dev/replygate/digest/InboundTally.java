package dev.replygate.digest;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The received messages of a period, given newest first one by one: what became of each, the lists
 * operators look at (capped, with their totals), automatic mail counted by class and by rule, and the
 * chart. Holds no more than the lists' limits, however many messages there were.
 */
final class InboundTally {

    private static final Set<String> HUMAN_CLASSES = Set.of("reply", "new");
    private static final String WEAK_PREFIX = "weak ";

    private final CappedList replies;
    private final CappedList newRequests;
    private final CappedList heldBack;
    private final CappedList quarantined;
    private final Map<String, Long> automaticByClass = new TreeMap<>();
    private final Map<String, Long> automaticByRule = new TreeMap<>();
    private final MailChart chart;
    private long received;

    InboundTally(int listLimit, MailChart chart) {
        this.replies = new CappedList(listLimit);
        this.newRequests = new CappedList(listLimit);
        this.heldBack = new CappedList(listLimit);
        this.quarantined = new CappedList(listLimit);
        this.chart = chart;
    }

    /**
     * One recorded message.
     *
     * @param reasons one {@code rule: value} per line, the classifier's first and the decision's last
     */
    void add(Instant receivedAt, String sender, String subject, String mailClass, String action, String ticket,
             String reasons, boolean shadow) {
        received++;
        MailOutcome outcome = outcomeOf(mailClass, action, shadow);
        chart.add(receivedAt, outcome);
        switch (outcome) {
            case REDIRECTED -> ("reply".equals(mailClass) ? replies : newRequests)
                    .add(new DigestItem(receivedAt, sender, subject, ticket, ""));
            case HELD_BACK -> heldBack.add(new DigestItem(receivedAt, sender, subject, ticket,
                    shadow ? "shadow: nothing is sent in shadow mode" : lastLine(reasons)));
            case QUARANTINED -> quarantined.add(new DigestItem(receivedAt, sender, subject, ticket,
                    firstLine(reasons)));
            case AUTOMATIC -> {
                automaticByClass.merge(mailClass, 1L, Long::sum);
                automaticByRule.merge(firstRule(reasons), 1L, Long::sum);
            }
        }
    }

    static MailOutcome outcomeOf(String mailClass, String action, boolean shadow) {
        if ("quarantine".equals(action)) {
            return MailOutcome.QUARANTINED;
        }
        if (!HUMAN_CLASSES.contains(mailClass)) {
            return MailOutcome.AUTOMATIC;
        }
        return "redirect".equals(action) && !shadow ? MailOutcome.REDIRECTED : MailOutcome.HELD_BACK;
    }

    /** The rule of the first strong reason: the one that made the message automatic. */
    private static String firstRule(String reasons) {
        for (String line : lines(reasons)) {
            if (!line.isBlank() && !line.startsWith(WEAK_PREFIX)) {
                int colon = line.indexOf(':');
                return colon < 0 ? line.strip() : line.substring(0, colon).strip();
            }
        }
        return "unknown";
    }

    private static String firstLine(String reasons) {
        String[] lines = lines(reasons);
        return lines.length == 0 ? "" : lines[0].strip();
    }

    private static String lastLine(String reasons) {
        String[] lines = lines(reasons);
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    private static String[] lines(String reasons) {
        return reasons == null || reasons.isBlank() ? new String[0] : reasons.strip().split("\n");
    }

    long received() {
        return received;
    }

    CappedList replies() {
        return replies;
    }

    CappedList newRequests() {
        return newRequests;
    }

    CappedList heldBack() {
        return heldBack;
    }

    CappedList quarantined() {
        return quarantined;
    }

    Map<String, Long> automaticByClass() {
        return Map.copyOf(automaticByClass);
    }

    Map<String, Long> automaticByRule() {
        return Map.copyOf(automaticByRule);
    }

    long automatic() {
        return automaticByClass.values().stream().mapToLong(Long::longValue).sum();
    }

    MailChart chart() {
        return chart;
    }
}
