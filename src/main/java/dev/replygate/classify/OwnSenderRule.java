package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/** One of our own addresses is the sender (From, Sender or Return-Path, with SRS undone). */
final class OwnSenderRule implements AutomatedMailRule {

    static final String NAME = "own-sender";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (SenderAddress sender : SenderAddress.of(mail)) {
            if (ctx.isOurAddress(sender.written()) || ctx.isOurAddress(sender.original())) {
                return Optional.of(new Reason(NAME, sender.describe()));
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.LOOP;
    }
}
