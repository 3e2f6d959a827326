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
            "mailbox (is |was )?full", "over ?quota", "quota", "insufficient (system )?storage", "storage (space|limit|quota)",
            "exceed(ed|s)? (the |its )?(storage|size|limit|allocation)", "mailbox size limit",
            "too (many|large|big)", "size limit", "message (size|length) exceeds",
            "rate limit", "try (again )?later", "temporar", "greylist", "graylist",
            "block(ed|list|ing)", "black ?list", "(deny|black|block) ?listed", "(?<!not )listed (in|on|at|by)", "spamhaus",
            "\\brbl\\b", "dnsbl", "reputation", "spam", "virus(es)? (found|detected)", "infected", "malware", "content (rejected|filter|policy)",
            "policy", "not allowed", "permission", "relay(ing)? (access )?denied", "relay not permitted", "relaying",
            "\\bspf\\b", "dmarc", "dkim", "authenticat", "reverse (dns|lookup)", "\\bptr\\b", "\\btls\\b",
            "suspend", "disabled", "frozen", "timed? ?out", "expired", "retry time", "connection (refused|reset|timed)",
            "sender address rejected", "sender domain", "sender verif", "domain of sender", "syntax error",
            "malformed", "unexpected name server", "mailer error", "not authori[sz]ed",
            // Refused after MAIL FROM is about the sender; after DATA, a content filter speaking.
            "(after|in reply to) mail from", "(after|in reply to) (end of )?data", "mail(box)? loop", "system error",
            "not a registered", "procmail", "couldn't create");
    // Words about the address: it does not exist, has moved, or its domain takes no mail.
    private static final List<Pattern> HARD = patterns(
            "user ?unknown", "unknown (user|recipient|address|mailbox|local[- ]?part)",
            "no such (user|mailbox|recipient|address|account|person)",
            "(does ?n[o']t|doesn't|did not|not) exist", "(user|mailbox|recipient|address|account) (is )?(not found|unknown|invalid)",
            "invalid (recipient|mailbox|address|user|final delivery)", "not a valid (recipient|mailbox|user|address)",
            "(recipient|user)( name)? (is |was )?not recognized", "unrouteable address",
            "no mailbox", "mailbox unavailable", "mailbox not (found|available)",
            "undeliverable address", "bad destination", "(host|domain)( name)? (not found|unknown)",
            "host \\S+ not found", "no such (host|domain)", "nxdomain", "unknown host", "host unknown",
            "name or service not known", "has moved", "no longer (valid|available|active|in use|exists)",
            "not (a )?known user", "null mx", "no mx", "no smtp service", "does not accept mail", "accepts no mail",
            "have an? \\S+ account", "not accepting (network )?messages",
            // Exchange Online's directory-based edge blocking: the recipient is not in the directory.
            "recipient address rejected: access denied", "recipient address rejected\\.", "not listed in", "inactive (email )?address", "ディレクトリのリストにありません");
    private static final Pattern PERMANENT_REPLY = Pattern.compile("(?m)(^|[\\s<>:])5[0-5]\\d[\\s-]");
    private static final Pattern TRANSIENT_REPLY = Pattern.compile("(^|[\\s<>:])4[0-5]\\d[\\s-]");
    private static final Set<String> HARD_STATUSES = Set.of("5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.4.4");

    private BounceSeverity() {
    }

    /** True when {@code action} failed for good and the words or the status say the address is gone. */
    static boolean hard(DeliveryAction action, String status, String diagnostic) {
        return why(action, status, diagnostic).startsWith("hard");
    }

    /** The decision and what made it, e.g. {@code hard: user ?unknown} or {@code soft: status 4.4.7}. */
    static String why(DeliveryAction action, String status, String diagnostic) {
        if (action != DeliveryAction.FAILED) {
            return "soft: action " + action;
        }
        String words = withoutTransientLines(diagnostic == null ? "" : diagnostic.toLowerCase(Locale.ROOT));
        String soft = firstMatch(SOFT, words);
        if (soft != null) {
            return "soft: " + soft;
        }
        String hard = firstMatch(HARD, words);
        if (hard != null) {
            // An MTA that gave up on "user unknown" says so even with a 4.x.x status.
            return "hard: " + hard;
        }
        return status != null && HARD_STATUSES.contains(status) ? "hard: status " + status : "soft: status " + status;
    }

    // In a transcript that has a permanent (5xx) answer, the transient (4xx) lines are other attempts.
    private static String withoutTransientLines(String words) {
        if (!PERMANENT_REPLY.matcher(words).find()) {
            return words;
        }
        StringBuilder out = new StringBuilder(words.length());
        for (String line : words.split("\n")) {
            if (!TRANSIENT_REPLY.matcher(line).find()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String firstMatch(List<Pattern> patterns, String words) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(words).find()) {
                return pattern.pattern();
            }
        }
        return null;
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
