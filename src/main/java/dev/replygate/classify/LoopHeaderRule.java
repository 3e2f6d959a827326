package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import dev.replygate.signing.LoopHeader;

import java.util.Optional;

/** Our own loop header, whatever its value: replygate wrote this message. */
final class LoopHeaderRule implements AutomatedMailRule {

    static final String NAME = "replygate-loop-header";
    static final String HEADER = LoopHeader.NAME;

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
        return MailClass.LOOP;
    }
}
