package dev.replygate.decide;

import dev.replygate.classify.Reason;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the receiving server showed that a sender is who its address says, and why.
 *
 * @param passed true when authenticated
 * @param reason rule {@code authenticated} with the evidence when passed; otherwise a rule
 *               {@code unauthenticated:…} with what was (not) found
 */
public record AuthVerdict(boolean passed, Reason reason) {

    public AuthVerdict {
        Objects.requireNonNull(reason, "reason");
    }

    static AuthVerdict pass(String evidence) {
        return new AuthVerdict(true, new Reason(SenderAuthentication.AUTHENTICATED, evidence));
    }

    static AuthVerdict fail(String rule, String why) {
        return new AuthVerdict(false, new Reason(rule, why));
    }

    /** The reason when passed; empty otherwise. */
    public Optional<Reason> passedReason() {
        return passed ? Optional.of(reason) : Optional.empty();
    }
}
