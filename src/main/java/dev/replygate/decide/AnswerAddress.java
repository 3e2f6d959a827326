package dev.replygate.decide;

import dev.replygate.classify.Reason;

/** Where an answer may go, if anywhere: {@link AnswerTo} or {@link NoAnswer}, each with its reason. */
public sealed interface AnswerAddress permits AnswerTo, NoAnswer {

    Reason reason();
}
