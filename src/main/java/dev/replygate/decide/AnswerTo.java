package dev.replygate.decide;

import dev.replygate.classify.Reason;

import java.util.Objects;

/**
 * Answer at {@code address}, a checked plain addr-spec that is not ours.
 *
 * @param address the one recipient of the answer
 * @param reason  why this address ({@code answer:notification-recipient} or {@code answer:return-path})
 */
public record AnswerTo(String address, Reason reason) implements AnswerAddress {

    public AnswerTo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
    }
}
