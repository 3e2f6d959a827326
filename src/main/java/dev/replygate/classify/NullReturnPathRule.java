package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/**
 * RFC 3834 §2, RFC 5321: the envelope sender is null ({@code <>}) or the Return-Path header is empty.
 * A message without any Return-Path header is not one of these: nothing wrote the header (a saved or
 * appended message, a delivery agent that does not write it), which is only the weak signal
 * {@link WeakHeaderSignal#RETURN_PATH_MISSING}.
 */
final class NullReturnPathRule implements AutomatedMailRule {

    static final String NAME = "null-return-path";
    static final String HEADER = "Return-Path";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        if (mail.returnPath() != null) {
            return mail.returnPath().isBlank()
                    ? Optional.of(Reason.header(NAME, HEADER, "<>"))
                    : Optional.empty();
        }
        return mail.header(HEADER)
                .filter(written -> written.replaceAll("[\\s<>]", "").isEmpty())
                .map(written -> Reason.header(NAME, HEADER, written));
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.AUTO_REPLY;
    }
}
