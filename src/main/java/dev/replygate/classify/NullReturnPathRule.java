package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;

/**
 * RFC 3834 §2, RFC 5321: the envelope sender is null ({@code <>}), empty, or there is no Return-Path
 * at all. The last case is off for mailboxes whose delivery agent writes no Return-Path
 * ({@link ClassifyContext#missingReturnPathIsAutomatic()}).
 */
final class NullReturnPathRule implements AutomatedMailRule {

    static final String NAME = "null-return-path";
    private static final String HEADER = "Return-Path";

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
        Optional<String> written = mail.header(HEADER);
        if (written.isPresent()) {
            String bare = written.get().replaceAll("[\\s<>]", "");
            return bare.isEmpty() ? Optional.of(Reason.header(NAME, HEADER, written.get())) : Optional.empty();
        }
        return ctx.missingReturnPathIsAutomatic()
                ? Optional.of(Reason.header(NAME, HEADER, "(missing)"))
                : Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.AUTO_REPLY;
    }
}
