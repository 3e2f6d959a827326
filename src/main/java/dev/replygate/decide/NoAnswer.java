package dev.replygate.decide;

import dev.replygate.classify.Reason;

import java.util.Objects;

/** Send no answer; the message is recorded with {@code reason}. */
public record NoAnswer(Reason reason) implements AnswerAddress {

    public NoAnswer {
        Objects.requireNonNull(reason, "reason");
    }
}
