package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/** RFC 3834 §2: {@code Auto-Submitted} present with a first token other than {@code no}. */
final class AutoSubmittedRule implements AutomatedMailRule {

    static final String NAME = "auto-submitted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        for (String value : mail.headers("Auto-Submitted")) {
            if (!HeaderValues.firstToken(value).equals("no")) {
                return Optional.of(Reason.header(NAME, "Auto-Submitted", value));
            }
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.AUTO_REPLY;
    }
}
