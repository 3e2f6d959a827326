package dev.replygate.decide;

import dev.replygate.config.MailAddress;
import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/** Whether a string is one plain addr-spec that replygate may send an answer to. */
final class PlainAddress {

    private PlainAddress() {
    }

    /**
     * What is wrong with {@code candidate} as an answer's recipient; empty when it is exactly one
     * {@code local@domain} of at most {@link ParsedMail#MAX_ADDRESS_LENGTH} characters with a host-name
     * domain: no display name, angle brackets, comment, group,
     * list, control character or surrounding space (jakarta.mail's strict syntax, then validated).
     */
    static Optional<String> problem(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return Optional.of("no address");
        }
        if (candidate.length() > ParsedMail.MAX_ADDRESS_LENGTH) {
            return Optional.of("an address longer than " + ParsedMail.MAX_ADDRESS_LENGTH + " characters");
        }
        if (candidate.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("control characters in the address");
        }
        MailAddress parsed;
        try {
            parsed = MailAddress.parse(candidate);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (!parsed.displayName().isEmpty() || !parsed.address().equals(candidate)) {
            return Optional.of("`" + candidate + "` is not a plain addr-spec");
        }
        return Optional.empty();
    }
}
