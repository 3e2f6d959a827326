package dev.replygate.decide;

import java.util.Objects;

/**
 * Why a guard let an answer through or held it back, for the record and for {@code explain}.
 *
 * @param rule  the stable name of the rule that fired, such as {@code rate-limit:daily-cap}
 * @param value what the rule saw, in a few words
 */
public record Reason(String rule, String value) {

    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return rule + ": " + value;
    }
}
