package dev.replygate.config;

import dev.replygate.config.InboundConfig.SpamHeader;
import dev.replygate.config.InboundConfig.SubjectPattern;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds {@code inbound}: distinct authserv-ids, subject patterns with a {@code ticket} group, spam headers. */
final class InboundSection {

    static final String TICKET_GROUP = "ticket";
    private static final int MAX_OWN_RECEIVED_LINES = 10;
    private static final Duration MAX_REPLY_WINDOW = Duration.ofDays(30);
    private static final int MIN_TEXT_BYTES = 1024;
    private static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 100;
    private static final List<SpamHeader> DEFAULT_SPAM_HEADERS = List.of(
            new SpamHeader("X-Spam-Flag", Pattern.compile("^\\s*yes\\b", Pattern.CASE_INSENSITIVE)),
            new SpamHeader("X-Spam-Status", Pattern.compile("^\\s*yes\\b", Pattern.CASE_INSENSITIVE)));

    private InboundSection() {
    }

    static InboundConfig bind(MappingReader section) {
        List<String> authservIds = distinct(section, "trusted-authserv-ids",
                section.list("trusted-authserv-ids", List.of(), ValueParsers.hostname()));
        Duration replyWindow = section.optional("reply-window", Duration.ofHours(24),
                ValueParsers.positiveDuration(MAX_REPLY_WINDOW));
        int maxAnswers = section.optional("max-answers-per-sender-per-day", 5, ValueParsers.positiveInt());
        int ownReceivedLines = section.optional("own-received-lines", 0,
                ValueParsers.intBetween(0, MAX_OWN_RECEIVED_LINES));
        int maxPerMailbox = section.optional("max-answers-per-mailbox-per-hour", 200, ValueParsers.positiveInt());
        int maxPerDomain = section.optional("max-answers-per-domain-per-hour", 50, ValueParsers.positiveInt());
        Set<String> patternNames = new HashSet<>();
        List<SubjectPattern> subjectPatterns = section.mappingList("subject-patterns", List.of(),
                item -> subjectPattern(item, patternNames));
        List<SpamHeader> spamHeaders = section.mappingList("spam-headers", DEFAULT_SPAM_HEADERS,
                InboundSection::spamHeader);
        int maxTextBytes = section.optional("max-text-bytes", 64 * 1024,
                ValueParsers.intBetween(MIN_TEXT_BYTES, MAX_TEXT_BYTES));
        int maxAttempts = section.optional("max-attempts", 3, ValueParsers.intBetween(1, MAX_ATTEMPTS));
        return new InboundConfig(authservIds, replyWindow, maxAnswers, ownReceivedLines, maxPerMailbox, maxPerDomain,
                subjectPatterns, spamHeaders, maxTextBytes, maxAttempts);
    }

    private static Optional<SubjectPattern> subjectPattern(MappingReader item, Set<String> namesSoFar) {
        Optional<String> name = item.required("name", ValueParsers.name());
        Optional<Pattern> pattern = item.required("pattern", ValueParsers.regexWithGroup(TICKET_GROUP));
        if (name.isPresent() && !namesSoFar.add(name.get())) {
            item.reject("name", "`" + name.get() + "` is the name of an earlier pattern too");
            return Optional.empty();
        }
        return name.isPresent() && pattern.isPresent()
                ? Optional.of(new SubjectPattern(name.get(), pattern.get())) : Optional.empty();
    }

    private static Optional<SpamHeader> spamHeader(MappingReader item) {
        Optional<String> header = item.required("header", ValueParsers.headerName());
        Optional<Pattern> pattern = item.required("pattern", ValueParsers.regex(Pattern.CASE_INSENSITIVE));
        return header.isPresent() && pattern.isPresent()
                ? Optional.of(new SpamHeader(header.get(), pattern.get())) : Optional.empty();
    }

    private static List<String> distinct(MappingReader section, String key, List<String> values) {
        Set<String> seen = new LinkedHashSet<>();
        for (String value : values) {
            if (!seen.add(value.toLowerCase(Locale.ROOT))) {
                section.reject(key, "lists `" + value + "` more than once");
                return List.of();
            }
        }
        return values;
    }
}
