package dev.replygate.classify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the classifier must know about the instance and the mailbox a message came from.
 *
 * @param ourDomains                    the domains of the Message-IDs replygate creates (the instance
 *                                      domain), lower case; mail whose own Message-ID is on one of them
 *                                      is our own mail coming back
 * @param ourAddresses                  every address replygate sends from or receives at, lower case; mail
 *                                      sent by one of them is a loop
 * @param loopToken                     the value replygate writes into its loop header (the instance
 *                                      name); an {@code X-Loop} carrying it is a loop. Null when unset
 * @param spamVerdicts                  the receiving filter's verdict headers; any match makes the message
 *                                      spam
 * @param subjectPatterns               admin patterns finding a ticket id in a subject
 */
public record ClassifyContext(Set<String> ourDomains, Set<String> ourAddresses, String loopToken,
                              List<HeaderPattern> spamVerdicts, List<SubjectPattern> subjectPatterns) {

    /** SpamAssassin's and most filters' verdict headers. */
    public static final List<HeaderPattern> DEFAULT_SPAM_VERDICTS = List.of(
            HeaderPattern.of("X-Spam-Flag", "^\\s*yes\\b"),
            HeaderPattern.of("X-Spam-Status", "^\\s*yes\\b"));

    public ClassifyContext {
        ourDomains = lowerCase(ourDomains, "ourDomains");
        ourAddresses = lowerCase(ourAddresses, "ourAddresses");
        loopToken = loopToken == null || loopToken.isBlank() ? null : loopToken.strip();
        spamVerdicts = List.copyOf(Objects.requireNonNull(spamVerdicts, "spamVerdicts"));
        subjectPatterns = List.copyOf(Objects.requireNonNull(subjectPatterns, "subjectPatterns"));
    }

    public static Builder builder() {
        return new Builder();
    }

    boolean isOurDomain(String domain) {
        return domain != null && ourDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    boolean isOurAddress(String address) {
        return address != null && ourAddresses.contains(address.strip().toLowerCase(Locale.ROOT));
    }

    private static Set<String> lowerCase(Set<String> values, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : Objects.requireNonNull(values, what)) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not contain a blank entry");
            }
            out.add(value.strip().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** Builds a context; starts with no domains or addresses, the default spam verdicts and no subject pattern. */
    public static final class Builder {
        private final Set<String> ourDomains = new LinkedHashSet<>();
        private final Set<String> ourAddresses = new LinkedHashSet<>();
        private String loopToken;
        private final List<HeaderPattern> spamVerdicts = new ArrayList<>(DEFAULT_SPAM_VERDICTS);
        private final List<SubjectPattern> subjectPatterns = new ArrayList<>();

        private Builder() {
        }

        public Builder ourDomain(String domain) {
            ourDomains.add(domain);
            return this;
        }

        public Builder ourAddress(String address) {
            ourAddresses.add(address);
            return this;
        }

        public Builder loopToken(String token) {
            this.loopToken = token;
            return this;
        }

        /** Replaces the spam verdict headers (the defaults included). */
        public Builder spamVerdicts(List<HeaderPattern> verdicts) {
            spamVerdicts.clear();
            spamVerdicts.addAll(verdicts);
            return this;
        }

        public Builder subjectPattern(SubjectPattern pattern) {
            subjectPatterns.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        public ClassifyContext build() {
            return new ClassifyContext(ourDomains, ourAddresses, loopToken, spamVerdicts, subjectPatterns);
        }
    }
}
