package dev.replygate.classify;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a failure means the address is gone (hard) or only that this message was refused
 * (soft), from the remote server's words first and the status code second: servers often send
 * {@code 5.1.1} for a full mailbox or a policy block, and {@code 5.0.0} for an unknown user.
 */
final class BounceSeverity {

    // Words about the message, the sender or a policy: the address itself may well work.
    private static final List<Pattern> SOFT = patterns(
            "mailbox (is |was )?full", "over ?quota", "quota", "storage", "insufficient (system )?storage",
            "exceed(ed|s)? (the )?(storage|size|limit|allocation)", "mailbox size limit",
            "too (many|large|big)", "size limit", "message (size|length) exceeds",
            "rate limit", "try (again )?later", "temporar", "greylist", "graylist",
            "block(ed|list)", "black ?list", "spamhaus", "\\brbl\\b", "dnsbl", "reputation", "listed",
            "spam", "virus", "malware", "content", "policy", "not allowed", "relay(ing)? (access )?denied",
            "relay not permitted", "\\bspf\\b", "dmarc", "dkim", "authenticat", "reverse (dns|lookup)",
            "\\bptr\\b", "\\btls\\b", "suspend", "inactive", "frozen", "timed? ?out", "expired",
            "retry time", "connection (refused|reset|timed)", "sender address rejected", "sender domain",
            "sender verify", "domain of sender", "rejected by (the )?recipient domain", "syntax");
    // Words about the address: it does not exist, has moved, or its domain takes no mail.
    private static final List<Pattern> HARD = patterns(
            "user ?unknown", "unknown (user|recipient|address|mailbox|local[- ]part)", "no such (user|mailbox|recipient|address|account|person)",
            "(user|mailbox|recipient|address|account|addressee)( name)? (does ?n[o']t|doesn't|did not) exist",
            "(does not|doesn't|not) exist", "(user|mailbox|recipient|address|account) (is )?(not found|unknown|invalid)",
            "invalid (recipient|mailbox|address|user)", "not a valid (recipient|mailbox|user|address)",
            "recipient (address )?rejected", "unrouteable address", "no mailbox", "mailbox unavailable",
            "mailbox not (found|available)", "address rejected", "undeliverable address", "bad destination",
            "(host|domain)( name)? (not found|unknown)", "no such (host|domain)", "nxdomain", "unknown host",
            "name or service not known", "has moved", "no longer (valid|available|active|in use|exists)",
            "not (a )?known user", "null mx", "does not accept mail", "accepts no mail", "disabled");
    private static final Set<String> HARD_STATUSES = Set.of("5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.4.4");

    private BounceSeverity() {
    }

    /** True when {@code action} failed for good and the words or the status say the address is gone. */
    static boolean hard(DeliveryAction action, String status, String diagnostic) {
        if (action != DeliveryAction.FAILED || (status != null && !status.startsWith("5"))) {
            return false;
        }
        String words = diagnostic == null ? "" : diagnostic.toLowerCase(Locale.ROOT);
        if (matchesAny(SOFT, words)) {
            return false;
        }
        if (matchesAny(HARD, words)) {
            return true;
        }
        return status != null && HARD_STATUSES.contains(status);
    }

    private static boolean matchesAny(List<Pattern> patterns, String words) {
        return patterns.stream().anyMatch(p -> p.matcher(words).find());
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
