package dev.replygate.digest;

import dev.replygate.address.MailAddress;
import dev.replygate.config.DigestConfig;
import dev.replygate.config.SenderConfig;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.outbound.AutoSubmitted;
import dev.replygate.outbound.EnqueueResult;
import dev.replygate.outbound.MailComposer;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxEntry;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.outbound.OutgoingMail;
import dev.replygate.signing.SignedMessageIds;
import dev.replygate.store.Store;
import dev.replygate.text.Sha256;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a rendered digest in the outbox, one item per recipient, all in one transaction. The
 * idempotency key is the digest's name, its period and the recipient: however often a period's
 * digest is queued (a restart, a second node firing too), each recipient gets it once.
 */
final class DigestSender {

    private final Store store;
    private final Outbox outbox;
    private final SignedMessageIds messageIds;
    private final MailComposer composer;
    private final SenderConfig sender;

    DigestSender(Store store, Outbox outbox, SignedMessageIds messageIds, MailComposer composer, SenderConfig sender) {
        this.store = store;
        this.outbox = outbox;
        this.messageIds = messageIds;
        this.composer = composer;
        this.sender = sender;
    }

    /** Queues {@code mail} to every recipient of {@code digest}; the results, in the recipients' order. */
    List<EnqueueResult> queue(DigestConfig digest, DigestPeriod period, RenderedTemplate mail) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (MailAddress recipient : digest.recipients()) {
            String messageId = messageIds.createWithoutTicket();
            OutgoingMail outgoing = new OutgoingMail(messageId, sender.from(), null, recipient, mail.subject(),
                    mail.text(), mail.html(), mail.locale(), null, List.of(), AutoSubmitted.AUTO_GENERATED);
            entries.add(new OutboxEntry(OutboxKind.DIGEST, idempotencyKey(digest, period, recipient), messageId,
                    sender.envelopeFrom().address(), recipient.address(), mail.subject(), null,
                    composer.compose(outgoing)));
        }
        return store.inTransaction(connection -> {
            List<EnqueueResult> results = new ArrayList<>();
            for (OutboxEntry entry : entries) {
                results.add(outbox.enqueue(connection, entry));
            }
            return results;
        });
    }

    /**
     * {@code digest:<name>:<start>-<end>:<recipient>}, the times in Unix seconds and the recipient as
     * the start of its SHA-256 (an address may be 320 characters long; the key at most 200).
     */
    static String idempotencyKey(DigestConfig digest, DigestPeriod period, MailAddress recipient) {
        return "digest:" + digest.name() + ":" + period.start().getEpochSecond() + "-" + period.end().getEpochSecond()
                + ":" + Sha256.hexOf(recipient.address().toLowerCase(Locale.ROOT)).substring(0, 32);
    }
}
