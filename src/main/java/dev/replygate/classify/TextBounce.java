package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final int MAX_RECIPIENTS = 50;

    private static final Pattern BOUNCE_WORDS = Pattern.compile("(?i)qmail-send|mail delivery (software|system|subsystem|failed)"
            + "|could not be delivered|couldn't be delivered|not be delivered|undeliver|delivery (to the following|has failed|failed|failure|status)"
            + "|permanent (fatal )?error|following address(es)? failed|did not reach|unable to deliver|wasn't able to deliver"
            + "|message (was |has been )?(rejected|returned|bounced)|returned (mail|to sender)|user unknown|failure notice"
            + "|not delivered|delivery problem|delivery notification|has been delayed|still trying|will (continue to )?retry"
            + "|non[- ]?delivery|rejected your message|bounce");
    // Where the quoted original begins; nothing after it describes the delivery.
    private static final Pattern ORIGINAL_STARTS = Pattern.compile("(?im)^\\s*(?:-+ ?This is a copy of (?:the|your) message"
            + "|-* ?Below this line is a copy of the message|-+ ?(?:Original|Returned|Forwarded) message"
            + "|-+\\s*Original Message|Original message follows|The (?:original|returned) message (?:follows|headers)"
            + "|-+ ?The header of the original message is following|-+ ?Message header follows"
            + "|-+ ?Undelivered message follows|Content-Type: (?:message|text)/rfc822"
            + "|(?:Received|Return-Path|DKIM-Signature|X-Received|Message-ID): )");
    private static final Pattern DELAY_WORDS = Pattern.compile("(?i)has been delayed|not yet been delivered|will (continue to )?(try|retry)"
            + "|still trying|warning message only|delivery (is )?delayed|temporar(il)?y (deferred|unable)");
    // Lines that name senders, our own addresses or message ids, not failed recipients.
    private static final Pattern IGNORED_LINE = Pattern.compile("(?i)^\\s*(?:>?\\s*)(?:from|reply-to|sender|return-path|message-id"
            + "|in-reply-to|references|received|mail from|envelope-from|x-[a-z-]+|smtp\\.mailfrom|dkim|list-[a-z]+):");
    private static final Set<String> SYSTEM_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "mailer_daemon",
            "mailerdaemon", "root", "abuse");

    private TextBounce() {
    }

    /** A recipient found in the text: its address and the words around it. */
    record Found(String address, String words, boolean delayed) {
    }

    /** The recipients a bounce text names, in order; empty when the text does not read like a bounce. */
    static List<Found> recipients(ParsedMail mail) {
        String text = mail.text() == null ? "" : mail.text();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        Matcher original = ORIGINAL_STARTS.matcher(text);
        String report = original.find() ? text.substring(0, original.start()) : text;
        if (!BOUNCE_WORDS.matcher(report).find() && !BOUNCE_WORDS.matcher(mail.subject() == null ? "" : mail.subject()).find()) {
            return List.of();
        }
        boolean delayed = DELAY_WORDS.matcher(report).find();
        Set<String> excluded = senderAddresses(mail);
        Map<String, StringBuilder> found = new LinkedHashMap<>();
        String[] lines = report.split("\r\n|\r|\n");
        for (int i = 0; i < lines.length && found.size() < MAX_RECIPIENTS; i++) {
            if (IGNORED_LINE.matcher(lines[i]).find()) {
                continue;
            }
            Matcher address = Addresses.ADDRESS.matcher(lines[i]);
            while (address.find()) {
                String candidate = Addresses.normalise(address.group());
                if (isIgnored(candidate, lines[i], address.start(), excluded)) {
                    continue;
                }
                found.computeIfAbsent(candidate.toLowerCase(Locale.ROOT), k -> new StringBuilder())
                        .append(context(lines, i)).append('\n');
            }
        }
        List<Found> out = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> entry : found.entrySet()) {
            String words = found.size() == 1 ? report : entry.getValue().toString();
            out.add(new Found(entry.getKey(), words, delayed));
        }
        return out;
    }

    private static boolean isIgnored(String address, String line, int start, Set<String> excluded) {
        String lower = address.toLowerCase(Locale.ROOT);
        String localPart = lower.substring(0, lower.lastIndexOf('@'));
        if (excluded.contains(lower) || SYSTEM_LOCAL_PARTS.contains(localPart)) {
            return true;
        }
        // part of a URL, a Message-ID in angle brackets after "id", or a mail server banner
        String before = line.substring(Math.max(0, start - 12), start).toLowerCase(Locale.ROOT);
        return before.endsWith("/") || before.endsWith("=") || before.contains("://") || before.matches(".*\\bid[ =:<]*<?$");
    }

    private static Set<String> senderAddresses(ParsedMail mail) {
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
        for (int i = index + 1; i < lines.length && i <= index + 4; i++) {
            if (lines[i].isBlank() || Addresses.ADDRESS.matcher(lines[i]).find()) {
                break;
            }
            words.append(' ').append(lines[i].strip());
        }
        return words.toString();
    }
}
