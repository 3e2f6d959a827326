package dev.replygate.inbound;

import dev.replygate.classify.Reason;
import dev.replygate.mailbox.BodyRefused;
import dev.replygate.mailbox.Disposition;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.mailbox.MessageDeferred;
import dev.replygate.store.Store;
import dev.replygate.text.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * What becomes of a message whose processing failed for a reason of its own (not an {@link Outages
 * outage}): each failed attempt is counted in a transaction of its own (the failed one was rolled
 * back); below the limit the message is deferred (the mailbox goes on, and gives it again next run);
 * at the limit it is recorded quarantined with its error, like unreadable mail, so that one message
 * can never stop a mailbox.
 */
final class PoisonMessages {

    static final String PROCESSING_FAILED = "quarantine:processing-failed";
    /** The class recorded for a message that was never classified to the end. */
    static final String UNPROCESSED_CLASS = "unprocessed";

    private static final Logger log = LoggerFactory.getLogger(PoisonMessages.class);

    private final String mailbox;
    private final Store store;
    private final int maxAttempts;
    private final Clock clock;
    private final InboundFailures failures = new InboundFailures();
    private final InboundRecords records = new InboundRecords();

    PoisonMessages(String mailbox, Store store, int maxAttempts, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        this.mailbox = mailbox;
        this.store = store;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    /**
     * Counts {@code failure} against {@code message}: throws {@link MessageDeferred} below the limit,
     * records the message quarantined and returns {@link Disposition#QUARANTINED} at it.
     *
     * @throws IOException when the message cannot be read again to record it (an outage)
     */
    Disposition failed(IncomingMessage message, Throwable failure) throws IOException, MessageDeferred {
        // the error may quote a stranger's text: cleaned of control characters and cut, as any reason
        Reason reason = new Reason(PROCESSING_FAILED, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        Instant now = clock.instant();
        int attempts = store.inTransaction(c -> failures.add(c, mailbox, message.key(), reason.value(), now));
        if (attempts < maxAttempts) {
            // at debug: the mailbox logs the deferral, this text included, as the message's one line
            log.debug("processing failed (attempt {} of {}), left for the next run: {}", attempts, maxAttempts,
                    reason.value());
            // the trace only at debug: its lines carry the exception's message uncleaned
            log.debug("the failure", failure);
            throw new MessageDeferred("processing failed (attempt " + attempts + " of " + maxAttempts + "): "
                    + reason.value(), failure);
        }
        String sha256 = sha256Of(message);
        store.inTransaction(c -> {
            failures.remove(c, mailbox, message.key());
            return records.insert(c, InboundRecord.of(mailbox, message, sha256, null)
                    .handled(UNPROCESSED_CLASS, "quarantine", Disposition.QUARANTINED.label(), null,
                            reason.rule() + ": failed " + attempts + " times; last: " + reason.value())
                    .at(now));
        });
        log.warn("quarantined after {} failed attempts: {}", attempts, reason.value());
        log.debug("the failure", failure);
        return Disposition.QUARANTINED;
    }

    /**
     * The SHA-256 of the raw bytes; when reading them is what fails (not an outage), that of the message's
     * place instead, so that the record can still be written: such a record matches no real message's bytes.
     */
    private String sha256Of(IncomingMessage message) throws IOException {
        try {
            return Sha256.hexOf(message.openRaw());
        } catch (BodyRefused | RuntimeException e) {
            if (Outages.isOutage(e)) {
                throw e;
            }
            return unreadableSha256(mailbox, message.key());
        }
    }

    /** The SHA-256 recorded for the message under {@code key} whose bytes could not be read: that of its place. */
    private static String unreadableSha256(String mailbox, String key) {
        return Sha256.hexOf("unreadable " + mailbox + " " + key);
    }

    /**
     * Whether {@code record} was written without its message's bytes, which could not be read: its SHA-256 is that
     * of its place ({@link #sha256Of}), which no message's bytes have, so it tells nothing of what the bytes are.
     */
    static boolean bytesUnknown(InboundRecord record) {
        return record.sha256().equals(unreadableSha256(record.mailbox(), record.messageKey()));
    }
}
