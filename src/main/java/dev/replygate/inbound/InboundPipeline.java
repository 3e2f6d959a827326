package dev.replygate.inbound;

import dev.replygate.classify.ClassifyContext;
import dev.replygate.classify.Classifier;
import dev.replygate.classify.Verdict;
import dev.replygate.address.MailAddress;
import dev.replygate.config.MailboxConfig;
import dev.replygate.decide.Action;
import dev.replygate.decide.AnswerRateLimiter;
import dev.replygate.decide.Decider;
import dev.replygate.decide.Decision;
import dev.replygate.classify.Reason;
import dev.replygate.logging.LogContext;
import dev.replygate.mailbox.Disposition;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.mailbox.MessageDeferred;
import dev.replygate.mailbox.MessageSink;
import dev.replygate.metrics.Meters;
import dev.replygate.notify.Notifications;
import dev.replygate.outbound.EnqueueResult;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxEntry;
import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParsedMail;
import dev.replygate.parse.UnparseableMailException;
import dev.replygate.store.CrashPoints;
import dev.replygate.store.Store;
import dev.replygate.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The inbound stage of one mailbox: parse, classify, decide, then record the outcome and the queued
 * answer in one transaction. The record's unique key (mailbox, message key) and the answer's
 * idempotency key make the effect exactly-once, whatever crashes and retries happen around it.
 */
public final class InboundPipeline implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(InboundPipeline.class);
    static final String DUPLICATE = "no-answer:duplicate";

    private final MailboxConfig mailbox;
    private final Set<String> mailboxAddresses;
    private final Store store;
    private final MailParser parser;
    private final Classifier classifier;
    private final ClassifyContext context;
    private final Decider decider;
    private final AnswerRateLimiter rateLimiter;
    private final AnswerWriter answers;
    private final Outbox outbox;
    private final Notifications notifications;
    private final InboundRecords records = new InboundRecords();
    private final PoisonMessages poison;
    private final Clock clock;
    private final Meters meters;

    InboundPipeline(MailboxConfig mailbox, Store store, MailParser parser, Classifier classifier,
                    ClassifyContext context, Decider decider, AnswerRateLimiter rateLimiter, AnswerWriter answers,
                    Outbox outbox, Notifications notifications, PoisonMessages poison, Clock clock, Meters meters) {
        this.mailbox = mailbox;
        this.mailboxAddresses = mailbox.addresses().stream().map(MailAddress::address)
                .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.store = store;
        this.parser = parser;
        this.classifier = classifier;
        this.context = context;
        this.decider = decider;
        this.rateLimiter = rateLimiter;
        this.answers = answers;
        this.outbox = outbox;
        this.notifications = notifications;
        this.poison = poison;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Processes {@code message} as {@link MessageSink} asks. A failure that is not an {@link Outages
     * outage} is the message's own: it is counted, and the message deferred, or quarantined at the limit.
     */
    @Override
    public Disposition accept(IncomingMessage message) throws IOException, MessageDeferred {
        LogContext context = LogContext.message(mailbox.name(), message.key());
        try {
            return process(message, context);
        } catch (RuntimeException | StackOverflowError e) {
            // StackOverflowError: a pattern or parser recursing on hostile input; the stack is unwound here
            if (Outages.isOutage(e)) {
                throw e;
            }
            Disposition quarantined = poison.failed(message, e);
            meters.messageRecorded(mailbox.name(), PoisonMessages.UNPROCESSED_CLASS, Action.QUARANTINE.label());
            return quarantined;
        } finally {
            context.close();
        }
    }

    private Disposition process(IncomingMessage message, LogContext context) throws IOException {
        Optional<InboundRecord> known = store.inTransaction(c -> records.findByKey(c, mailbox.name(), message.key()));
        if (known.isPresent()) {
            log.info("already recorded as {}, {}", known.get().action(), known.get().disposition());
            return dispositionOf(known.get().disposition());
        }
        Examined examined = examine(message);
        Instant now = clock.instant();
        try {
            Recorded recorded = store.inTransaction(connection -> {
                Recorded inserted = record(connection, message, examined, now, context);
                CrashPoints.reach(CrashPoints.INBOUND_BEFORE_COMMIT);
                return inserted;
            });
            CrashPoints.reach(CrashPoints.INBOUND_AFTER_COMMIT);
            count(recorded, examined.verdict(), message.shadow());
            return dispositionOf(recorded.decision().action());
        } catch (StoreException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // Another node, or an earlier run that died after committing, recorded it first.
            InboundRecord first = store.inTransaction(c -> records.findByKey(c, mailbox.name(), message.key()))
                    .orElseThrow(() -> e);
            return dispositionOf(first.disposition());
        }
    }

    /** Reads the whole message once: parses it (bounded) while hashing every byte. */
    private Examined examine(IncomingMessage message) throws IOException {
        MessageDigest sha256 = sha256();
        ParsedMail mail = null;
        String parseError = null;
        try (InputStream raw = new DigestInputStream(message.openRaw(), sha256)) {
            try {
                mail = parser.parse(raw);
            } catch (UnparseableMailException e) {
                parseError = e.getMessage();
            }
            raw.transferTo(OutputStream.nullOutputStream());
        }
        Verdict verdict = mail == null ? Verdict.unparseable(parseError) : classifier.classify(mail, context);
        Decision decision = decider.decide(verdict, mail, mailboxAddresses,
                mailbox.newMail() == MailboxConfig.NewMail.REDIRECT);
        return new Examined(mail, verdict, decision, HexFormat.of().formatHex(sha256.digest()));
    }

    private Recorded record(Connection connection, IncomingMessage message, Examined examined, Instant now,
                            LogContext context) throws SQLException {
        Optional<InboundRecord> sameBytes = records.findFirstBySha256(connection, mailbox.name(), examined.sha256());
        Long duplicateOf = sameBytes.map(InboundRecord::id).orElse(null);
        Decision decision = heldBackAsDuplicate(connection, message, examined, sameBytes);
        String inboundKey = mailbox.name() + ":" + message.key();
        Long answerId = null;
        if (decision.action() == Action.REDIRECT) {
            Decision.PlannedAnswer planned = decision.answer();
            Optional<Reason> limited = rateLimiter.refusal(connection, planned.to(), planned.ticketId(), now);
            if (limited.isPresent()) {
                decision = decision.heldBack(limited.get());
            } else if (!message.shadow()) {
                OutboxEntry entry = answers.write(examined.mail(), planned, inboundKey);
                EnqueueResult queued = outbox.enqueue(connection, entry);
                rateLimiter.record(connection, planned.to(), planned.ticketId(), inboundKey, now);
                answerId = queued.id();
            }
        }
        if (decision.bounce() != null && !message.shadow()) {
            notifications.markBounced(connection, decision.bounce().notificationMessageId(), decision.bounce().hard(),
                    decision.bounce().detail(), now);
        }
        Disposition disposition = dispositionOf(decision.action());
        ParsedMail mail = examined.mail();
        records.insert(connection, InboundRecord.of(mailbox.name(), message, examined.sha256(), mail)
                .handled(examined.verdict().mailClass().label(), decision.action().label(), disposition.label(),
                        examined.verdict().ticketId(), reasonLines(examined.verdict(), decision))
                .answered(answerId, decision.answer() == null ? null : decision.answer().to())
                .duplicateOf(duplicateOf)
                .at(now));
        context.with(LogContext.TICKET, examined.verdict().ticketId()).with(LogContext.OUTBOX_ID, answerId);
        log.info("<{}> from {}: {} -> {}{}{} [{}]", mail == null ? "" : mail.messageId(),
                mail == null || mail.from().isEmpty() ? "?" : mail.from().get(0).address(),
                examined.verdict().mailClass().label(), decision.action().label(),
                answerId == null ? "" : " answered to " + decision.answer().to(),
                message.shadow() ? " (shadow: nothing sent)" : "",
                String.join("; ", ruleNames(examined.verdict(), decision)));
        return new Recorded(decision, answerId);
    }

    /**
     * Counts a committed record: its class and action; for mail from a person that got no answer, the
     * rule that held the answer back (the last reason; {@code shadow} in shadow mode); a bounce.
     */
    private void count(Recorded recorded, Verdict verdict, boolean shadow) {
        Decision decision = recorded.decision();
        meters.messageRecorded(mailbox.name(), verdict.mailClass().label(), decision.action().label());
        if (recorded.answerId() == null && !verdict.automatic() && decision.action() != Action.QUARANTINE) {
            meters.answerHeldBack(mailbox.name(), shadow && decision.action() == Action.REDIRECT ? "shadow"
                    : decision.reasons().get(decision.reasons().size() - 1).rule());
        }
        if (decision.bounce() != null && !shadow) {
            meters.notificationBounced(decision.bounce().hard());
        }
    }

    /**
     * The decision, held back as {@code no-answer:duplicate} when the same raw bytes were recorded in
     * this mailbox, or a message with the same Message-ID was answered in any mailbox: one message
     * sent to two of our addresses, or resent, gets one answer. A forged Message-ID can only hold an
     * answer back. Two transactions racing with one message wait for each other on the recipient's
     * rate-limit lock, whose ticket window then refuses the second.
     */
    private Decision heldBackAsDuplicate(Connection connection, IncomingMessage message, Examined examined,
                                         Optional<InboundRecord> sameBytes) throws SQLException {
        Decision decision = examined.decision();
        if (decision.action() != Action.REDIRECT) {
            return decision;
        }
        if (sameBytes.isPresent()) {
            return decision.heldBack(new Reason(DUPLICATE, "the same message was recorded as "
                    + sameBytes.get().messageKey()));
        }
        String messageId = examined.mail().messageId();
        Optional<InboundRecord> answered = messageId == null ? Optional.empty()
                : records.findFirstAnsweredByMessageId(connection, messageId, message.shadow());
        return answered.map(first -> decision.heldBack(new Reason(DUPLICATE, "<" + messageId + "> was answered as "
                + first.mailbox() + " " + first.messageKey()))).orElse(decision);
    }

    static Disposition dispositionOf(Action action) {
        return switch (action) {
            case REDIRECT -> Disposition.REDIRECTED;
            case IGNORE -> Disposition.IGNORED;
            case QUARANTINE -> Disposition.QUARANTINED;
        };
    }

    private static Disposition dispositionOf(String label) {
        return Disposition.valueOf(label.toUpperCase(Locale.ROOT));
    }

    private static String reasonLines(Verdict verdict, Decision decision) {
        List<String> lines = new ArrayList<>();
        verdict.reasons().forEach(r -> lines.add(r.rule() + ": " + r.value()));
        verdict.weakSignals().forEach(r -> lines.add("weak " + r.rule() + ": " + r.value()));
        decision.reasons().forEach(r -> lines.add(r.rule() + ": " + r.value()));
        return String.join("\n", lines);
    }

    private static List<String> ruleNames(Verdict verdict, Decision decision) {
        List<String> names = new ArrayList<>(verdict.ruleNames());
        decision.reasons().forEach(r -> names.add(r.rule()));
        return names;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** What was recorded: the final decision, and the queued answer's outbox id (null when none). */
    private record Recorded(Decision decision, Long answerId) {
    }

    private record Examined(ParsedMail mail, Verdict verdict, Decision decision, String sha256) {
    }
}
