package dev.replygate.config;

import dev.replygate.address.MailAddress;
import java.util.List;
import java.util.Optional;

/** Binds {@code sender}. Reply-To and envelope sender default to the From address. */
final class SenderSection {

    private SenderSection() {
    }

    static SenderConfig bind(MappingReader section) {
        MailAddress from = section.required("from", ValueParsers.mailAddress()).orElse(ConfigDefaults.FROM);
        MailAddress replyTo = section.optional("reply-to", Optional.empty(),
                ValueParsers.emptyOr(ValueParsers.mailAddress())).orElse(from);
        boolean replyToToken = section.optional("reply-to-token", false, ValueParsers.bool());
        MailAddress envelopeFrom = section.optional("envelope-from", Optional.empty(),
                ValueParsers.emptyOr(ValueParsers.bareMailAddress())).orElse(new MailAddress(from.address(), ""));
        List<MailAddress> ownAddresses = section.list("own-addresses", List.of(), ValueParsers.mailAddress());
        if (replyToToken && replyTo.localPart().contains("+") && section.isValid("from", "reply-to")) {
            section.reject("reply-to-token", "the token is added after a `+`, so the reply-to address "
                    + replyTo.address() + " must not have one");
        }
        return new SenderConfig(from, replyTo, replyToToken, envelopeFrom, ownAddresses);
    }
}
