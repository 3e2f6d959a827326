package dev.replygate.outbound;

import dev.replygate.signing.LoopHeader;
import dev.replygate.address.MailAddress;

import java.time.Clock;
import java.util.List;

/** Outbox entries holding real composed messages. */
final class Entries {

    private static final MailComposer COMPOSER = new MailComposer(new LoopHeader(LoopHeader.NAME, "test"),
            Clock.systemUTC());
    private static final MailAddress FROM = new MailAddress("support@example.com", "Example Support");

    private Entries() {
    }

    static OutboxEntry notification(int n, String idempotencyKey) {
        String recipient = "customer" + n + "@example.org";
        return entry(OutboxKind.NOTIFICATION, idempotencyKey, "rg.n" + n + "@support.example.com",
                "bounces@example.com", recipient);
    }

    static OutboxEntry answer(int n, String recipient) {
        return entry(OutboxKind.ANSWER, null, "rg.a" + n + "@support.example.com", "", recipient);
    }

    static OutboxEntry entry(OutboxKind kind, String idempotencyKey, String messageId, String envelopeFrom,
                             String recipient) {
        String subject = "Ticket " + messageId;
        byte[] raw = COMPOSER.compose(new OutgoingMail(messageId, FROM, null, new MailAddress(recipient, ""),
                subject, "Your ticket was answered.", "<p>Your ticket was answered.</p>", "en", null, List.of(),
                kind == OutboxKind.ANSWER ? AutoSubmitted.AUTO_REPLIED : AutoSubmitted.AUTO_GENERATED));
        return new OutboxEntry(kind, idempotencyKey, messageId, envelopeFrom, recipient, subject, "1", raw);
    }
}
