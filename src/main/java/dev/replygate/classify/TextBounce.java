package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the failed recipients of a bounce that has no delivery-status part: qmail ("Hi. This is the
 * qmail-send program"), Exim ("This message was created automatically by mail delivery software",
 * with {@code X-Failed-Recipients}), Postfix without a DSN part, Sendmail, old Exchange and Lotus Notes,
 * and the many texts in their style. Only the text before the quoted original is read, and only
 * when it reads like a bounce.
 */
final class TextBounce {

    /** At most this many characters of the text are read. */
    static final int MAX_TEXT = 64 * 1024;
    /** The most recipients a report is read for: a stranger may name thousands. */
    static final int MAX_RECIPIENTS = 50;

    private static final Pattern BOUNCE_WORDS = Pattern.compile("(?i)qmail-send|mail\\s+delivery\\s+(software|system|subsystem|failed)"
            + "|could\\s+not\\s+be\\s+delivered|couldn't\\s+be\\s+delivered|not\\s+be\\s+delivered|undeliver|delivery\\s+(to\\s+the\\s+following|has\\s+failed|failed|failure|status)"
            + "|permanent\\s+(fatal\\s+)?error|following\\s+address(es)?\\s+failed|did\\s+not\\s+reach|unable\\s+to\\s+deliver|wasn't\\s+able\\s+to\\s+deliver"
            + "|message\\s+(was\\s+|has\\s+been\\s+)?(rejected|returned|bounced)|returned\\s+(mail|to\\s+sender)|user\\s+unknown|failure\\s+notice"
            + "|not\\s+delivered|delivery\\s+problem|delivery\\s+notification|has\\s+been\\s+delayed|still\\s+trying|will\\s+(continue\\s+to\\s+)?retry"
            + "|non[-\\s]?delivery|rejected\\s+your\\s+message|bounce");
    // Where the quoted original begins; nothing after it describes the delivery.
    private static final Pattern ORIGINAL_STARTS = Pattern.compile("(?im)^[ \\t]*(?:-+ ?This is a copy of (?:the|your) message"
            + "|-* ?Below this line is a copy of the message|-+ ?(?:Original|Returned|Forwarded) message"
            + "|-+[ \\t]*Original Message|Original message follows|The (?:original|returned) message (?:follows|headers)"
            + "|-+ ?The header of the original message is following|-+ ?Message header follows"
            + "|-+ ?Undelivered message follows|Content-Type: (?:message|text)/rfc822"
            + "|(?:Received|Return-Path|DKIM-Signature|X-Received|Message-ID): )");
    private static final Pattern DELAY_WORDS = Pattern.compile("(?i)has\\s+been\\s+delayed|not\\s+yet\\s+been\\s+delivered|will\\s+(continue\\s+to\\s+)?(try|retry)"
            + "|still\\s+trying|warning\\s+(message\\s+)?only|will\\s+be\\s+retried|delivery\\s+(is\\s+)?delayed|temporar(il)?y\\s+(deferred|unable)");
    // Lines that name senders, our own addresses or message ids, not failed recipients.
    private static final Pattern IGNORED_LINE = Pattern.compile("(?i)^[ \\t]*(?:>[ \\t]*)?(?:from|reply-to|sender|return-path|message-id"
            + "|in-reply-to|references|received|mail from|envelope-from|x-[a-z-]+|smtp\\.mailfrom|dkim|list-[a-z]+"
            + "|to|cc|subject|sent|date):");
    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "mailer_daemon",
            "mailerdaemon", "root", "abuse");

    private TextBounce() {
    }

    /** A recipient found in the text: its address and the words around it. */
    record Found(String address, String words, boolean delayed) {
    }

    /** The part of the text that describes the delivery (before the quoted original); empty when it does not read like a bounce. */
    static Optional<String> report(ParsedMail mail) {
        String report = beforeOriginal(mail);
        String subject = mail.subject() == null ? "" : mail.subject();
        if (!BOUNCE_WORDS.matcher(report).find() && !BOUNCE_WORDS.matcher(subject).find()) {
            return Optional.empty();
        }
        return Optional.of(report);
    }

    /** The text before the quoted original (at most {@link #MAX_TEXT} characters of it), whatever it says. */
    static String beforeOriginal(ParsedMail mail) {
        String text = mail.text() == null ? "" : mail.text();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        Matcher original = ORIGINAL_STARTS.matcher(text);
        return original.find() ? text.substring(0, original.start()) : text;
    }

    /**
     * The recipients {@code report} names, in order. Addresses of the bounce itself (its From, To and
     * Return-Path) and of mail systems (postmaster, …) count only when the text names no other.
     */
    static List<Found> recipients(ParsedMail mail, String report) {
        boolean delayed = DELAY_WORDS.matcher(report).find();
        Set<String> participants = participants(mail);
        String bounceSender = mail.from() == null || mail.from().isEmpty() || mail.from().get(0) == null
                ? "" : String.valueOf(mail.from().get(0).address()).toLowerCase(Locale.ROOT);
        Map<String, StringBuilder> preferred = new LinkedHashMap<>();
        Map<String, StringBuilder> fallback = new LinkedHashMap<>();
        String[] lines = report.split("\r\n|\r|\n");
        for (int i = 0; i < lines.length && preferred.size() < MAX_RECIPIENTS; i++) {
            if (IGNORED_LINE.matcher(lines[i]).find()) {
                continue;
            }
            Matcher address = Addresses.ADDRESS.matcher(lines[i]);
            while (address.find()) {
                String candidate = Addresses.normalise(address.group()).toLowerCase(Locale.ROOT);
                if (candidate.equals(bounceSender) || isQuotedElsewhere(lines[i], address.start())) {
                    continue;
                }
                String localPart = candidate.substring(0, candidate.lastIndexOf('@'));
                Map<String, StringBuilder> tier = participants.contains(candidate)
                        || SYSTEM_LOCAL_PARTS.contains(localPart) ? fallback : preferred;
                tier.computeIfAbsent(candidate, k -> new StringBuilder()).append(context(lines, i)).append('\n');
            }
        }
        Map<String, StringBuilder> found = preferred.isEmpty() ? fallback : preferred;
        List<Found> out = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> entry : found.entrySet()) {
            String words = found.size() == 1 ? report : entry.getValue().toString();
            out.add(new Found(entry.getKey(), words, delayed));
        }
        return out;
    }

    /** What {@code report} says about {@code address}: the lines around it, or the whole report. */
    static Found about(String address, String report, boolean onlyOne) {
        return onlyOne ? new Found(address, report, DELAY_WORDS.matcher(report).find())
                : lookedUp(List.of(address), report).get(0);
    }

    /**
     * What {@code report} says about each of {@code addresses} (the whole report when it names only one), the report
     * read once for all of them: a stranger may name thousands.
     */
    static List<Found> about(List<String> addresses, String report) {
        return addresses.size() == 1 ? List.of(about(addresses.get(0), report, true)) : lookedUp(addresses, report);
    }

    private static List<Found> lookedUp(List<String> addresses, String report) {
        boolean delayed = DELAY_WORDS.matcher(report).find();
        String[] lines = report.split("\r\n|\r|\n");
        String[] lowerCase = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            lowerCase[i] = lines[i].toLowerCase(Locale.ROOT);
        }
        List<Found> found = new ArrayList<>(addresses.size());
        for (String address : addresses) {
            found.add(new Found(address, linesAbout(address.toLowerCase(Locale.ROOT), lines, lowerCase, report), delayed));
        }
        return found;
    }

    private static String linesAbout(String address, String[] lines, String[] lowerCase, String report) {
        for (int i = 0; i < lines.length; i++) {
            if (lowerCase[i].contains(address) && !IGNORED_LINE.matcher(lines[i]).find()) {
                return context(lines, i);
            }
        }
        return report;
    }

    private static boolean namesOtherAddress(String line, String address) {
        Matcher matcher = Addresses.ADDRESS.matcher(line);
        while (matcher.find()) {
            if (!matcher.group().toLowerCase(Locale.ROOT).equals(address)) {
                return true;
            }
        }
        return false;
    }

    // Part of a URL or a query string, or the pre-alias address Exim notes as "generated from".
    private static boolean isQuotedElsewhere(String line, int start) {
        String before = line.substring(Math.max(0, start - 20), start).toLowerCase(Locale.ROOT);
        return before.endsWith("/") || before.endsWith("=") || before.contains("://")
                || before.matches(".*generated (from|by) <?$");
    }

    private static Set<String> participants(ParsedMail mail) {
        Set<String> out = new java.util.HashSet<>();
        if (mail.recipients() != null) {
            mail.recipients().forEach(box -> add(out, box == null ? null : box.address()));
        }
        if (mail.from() != null) {
            mail.from().forEach(box -> add(out, box == null ? null : box.address()));
        }
        add(out, mail.returnPath());
        return out;
    }

    private static void add(Set<String> out, String address) {
        if (address != null && !address.isBlank()) {
            out.add(address.strip().toLowerCase(Locale.ROOT));
        }
    }

    // The line naming the recipient and the few after it, where MTAs put the remote server's answer.
    private static String context(String[] lines, int index) {
        StringBuilder words = new StringBuilder(lines[index]);
        Matcher named = Addresses.ADDRESS.matcher(lines[index]);
        String address = named.find() ? named.group().toLowerCase(Locale.ROOT) : "";
        for (int i = index + 1; i < lines.length && i <= index + 6; i++) {
            if (lines[i].isBlank() || namesOtherAddress(lines[i], address)) {
                break;
            }
            words.append(' ').append(lines[i].strip());
        }
        return words.toString();
    }
}
