package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/** Exim and others: {@code X-Failed-Recipients} marks a bounce. */
final class FailedRecipientsRule implements AutomatedMailRule {

    static final String NAME = "x-failed-recipients";
    static final String HEADER = "X-Failed-Recipients";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        return mail.header(HEADER).map(value -> Reason.header(NAME, HEADER, value));
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.BOUNCE;
    }
}
