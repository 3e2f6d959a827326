package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;
import java.util.Set;

/** RFC 3464: a delivery status part anywhere in the message, even outside a multipart/report. */
final class DeliveryStatusPartRule implements AutomatedMailRule {

    static final String NAME = "delivery-status-part";
    private static final Set<String> TYPES = Set.of("message/delivery-status", "message/global-delivery-status",
            "message/xdelivery-status");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        if (mail.parts() != null) {
            for (ParsedMail.PartInfo part : mail.parts()) {
                if (part != null && part.mimeType() != null && TYPES.contains(part.mimeType())) {
                    return Optional.of(Reason.header(NAME, "Content-Type", part.mimeType()));
                }
            }
        }
        if (mail.deliveryStatus() != null && !mail.deliveryStatus().isEmpty()) {
            return Optional.of(new Reason(NAME, "delivery status fields"));
        }
        return Optional.empty();
    }

    @Override
    public MailClass mailClass(Reason reason) {
        return MailClass.BOUNCE;
    }
}
