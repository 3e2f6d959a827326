package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/** The receiving spam filter's verdict, as configured in {@link ClassifyContext#spamVerdicts()}. */
final class SpamVerdictRule implements AutomatedMailRule {

    static final String NAME = "spam-verdict";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (HeaderPattern verdict : ctx.spamVerdicts()) {
            for (String value : mail.headers(verdict.header())) {
                if (verdict.matches(value)) {
                    return Optional.of(Reason.header(NAME, verdict.header(), value));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.SPAM;
    }
}
