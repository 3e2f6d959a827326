package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/** The message's own Message-ID is on a domain replygate creates Message-IDs on: our mail came back. */
final class OwnMessageIdRule implements AutomatedMailRule {

    static final String NAME = "own-message-id";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        String id = mail.messageId();
        if (id == null) {
            return Optional.empty();
        }
        int at = id.lastIndexOf('@');
        String domain = at < 0 ? "" : id.substring(at + 1).replace(">", "").strip();
        return ctx.isOurDomain(domain) ? Optional.of(Reason.header(NAME, "Message-ID", id)) : Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.LOOP;
    }
}
