package dev.replygate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How received mail is judged and answered.
 *
 * @param trustedAuthservIds         authserv-ids of our own receiving servers, whose
 *                                   Authentication-Results are believed; empty: only replies carrying
 *                                   our signed token are ever answered
 * @param replyWindow                at most one answer per sender and ticket in this window
 * @param maxAnswersPerSenderPerDay  at most this many answers to one sender per day
 * @param ownReceivedLines           how many Received lines our own later hops (LMTP, content filters) add
 *                                   above our receiving server's Authentication-Results
 * @param maxAnswersPerMailboxPerHour at most this many answers from one mailbox in any hour
 * @param maxAnswersPerDomainPerHour at most this many answers to one recipient domain in any hour
 * @param subjectPatterns            patterns that find a ticket id in the subject of a reply
 * @param spamHeaders                header values that mark a message as spam
 * @param maxTextBytes               most bytes of a message's text read for classifying it
 * @param maxAttempts                a message whose processing failed this many times (for a reason of
 *                                   its own, not an outage) is quarantined and the mailbox goes on
 */
public record InboundConfig(List<String> trustedAuthservIds, Duration replyWindow, int maxAnswersPerSenderPerDay,
                            int ownReceivedLines, int maxAnswersPerMailboxPerHour, int maxAnswersPerDomainPerHour,
                            List<SubjectPattern> subjectPatterns, List<SpamHeader> spamHeaders, int maxTextBytes,
                            int maxAttempts) {

    /** A subject pattern with a named group {@code ticket}, such as WHMCS's {@code \[Ticket ID: (?<ticket>\d+)\]}. */
    public record SubjectPattern(String name, Pattern pattern) {

        @Override
        public boolean equals(Object o) {
            return o instanceof SubjectPattern other && other.name.equals(name) && samePattern(other.pattern, pattern);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, pattern.pattern(), pattern.flags());
        }
    }

    /** A header whose value, when {@code pattern} finds a match in it, marks the message as spam. */
    public record SpamHeader(String header, Pattern pattern) {

        @Override
        public boolean equals(Object o) {
            return o instanceof SpamHeader other && other.header.equals(header) && samePattern(other.pattern, pattern);
        }

        @Override
        public int hashCode() {
            return Objects.hash(header, pattern.pattern(), pattern.flags());
        }
    }

    // Pattern has identity equality; configs compare by what was written.
    private static boolean samePattern(Pattern a, Pattern b) {
        return a.pattern().equals(b.pattern()) && a.flags() == b.flags();
    }
}
