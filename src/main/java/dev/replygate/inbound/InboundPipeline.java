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
import dev.replygate.decide.HeldLocks;
import dev.replygate.classify.Reason;
import dev.replygate.logging.LogContext;
import dev.replygate.mailbox.BatchOutcome;
import dev.replygate.mailbox.BodyRefused;
import dev.replygate.mailbox.Disposition;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.mailbox.MessageDeferred;
import dev.replygate.mailbox.MessageOutcome;
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
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** Processes {@code message} as {@link MessageSink} asks: a batch of one. */
    @Override
    public Disposition accept(IncomingMessage message) throws IOException, MessageDeferred {
        BatchOutcome outcome = acceptAll(List.of(message));
        if (outcome.outage() != null) {
            throw rethrown(outcome.outage());
        }
        MessageOutcome only = outcome.outcomes().get(0);
        if (only.deferred() != null) {
            throw only.deferred();
        }
        return only.disposition();
    }

    /**
     * Processes a fetched batch as {@link MessageSink} asks: skips what is recorded already (one query for
     * the batch's keys), examines each other message (streamed; only what its record needs is kept), then
     * records them all in one transaction. A message's own failure, whether while it is examined or while it
     * is recorded (a savepoint undoes its part), defers or quarantines that message alone. A failure that is
     * not an {@link Outages outage} is the message's own: it is counted, and the message deferred, or
     * quarantined at the limit.
     */
    @Override
    public BatchOutcome acceptAll(List<IncomingMessage> batch) {
        Map<String, InboundRecord> known;
        try {
            known = store.inTransaction(c -> records.findByKeys(c, mailbox.name(),
                    batch.stream().map(IncomingMessage::key).toList()));
        } catch (RuntimeException e) {
            return new BatchOutcome(List.of(), e);
        }
        MessageOutcome[] outcomes = new MessageOutcome[batch.size()];
        List<Examined> examined = new ArrayList<>();
        int end = batch.size();
        Exception outage = null;
        for (int i = 0; i < batch.size() && outage == null; i++) {
            IncomingMessage message = batch.get(i);
            LogContext context = LogContext.message(mailbox.name(), message.key());
            try {
                InboundRecord first = known.get(message.key());
                if (first != null) {
                    log.info("already recorded as {}, {}", first.action(), first.disposition());
                    outcomes[i] = MessageOutcome.recorded(dispositionOf(first.disposition()));
                } else {
                    examineOrFail(i, message, outcomes).ifPresent(examined::add);
                }
            } catch (IOException | RuntimeException e) {
                end = i;
                outage = e;
            } finally {
                context.close();
            }
        }
        if (examined.isEmpty()) {
            return new BatchOutcome(Arrays.asList(outcomes).subList(0, end), outage);
        }
        List<Recorded> recorded;
        try {
            Instant now = clock.instant();
            recorded = store.inTransaction(connection -> recordAll(connection, examined, now));
        } catch (RuntimeException e) {
            // the store is out of reach: none of the examined messages is recorded
            return new BatchOutcome(Arrays.asList(outcomes).subList(0, examined.get(0).index()), e);
        }
        CrashPoints.reach(CrashPoints.INBOUND_AFTER_COMMIT);
        for (Recorded done : recorded) {
            int index = done.examined().index();
            try {
                outcomes[index] = afterCommit(done);
            } catch (IOException | RuntimeException e) {
                // the batch is committed: this message and those after it are given again next run
                return new BatchOutcome(Arrays.asList(outcomes).subList(0, index), e);
            }
        }
        return new BatchOutcome(Arrays.asList(outcomes).subList(0, end), outage);
    }

    /** Throws {@code outage} as {@link #accept} may. */
    private static IllegalStateException rethrown(Exception outage) throws IOException {
        if (outage instanceof IOException io) {
            throw io;
        }
        if (outage instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IllegalStateException(outage);
    }

    /** The message examined; empty when its own failure deferred or quarantined it (its outcome is set). */
    private Optional<Examined> examineOrFail(int index, IncomingMessage message, MessageOutcome[] outcomes)
            throws IOException {
        try {
            return Optional.of(examine(index, message));
        } catch (BodyRefused e) {
            outcomes[index] = failed(message, e);
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError e) {
            // StackOverflowError: a pattern or parser recursing on hostile input; the stack is unwound here
            if (Outages.isOutage(e)) {
                throw e;
            }
            outcomes[index] = failed(message, e);
            return Optional.empty();
        }
    }

    /** Counts {@code failure} against {@code message}: deferred, or quarantined at the limit. */
    private MessageOutcome failed(IncomingMessage message, Throwable failure) throws IOException {
        try {
            Disposition quarantined = poison.failed(message, failure);
            meters.messageRecorded(mailbox.name(), PoisonMessages.UNPROCESSED_CLASS, Action.QUARANTINE.label());
            return MessageOutcome.recorded(quarantined);
        } catch (MessageDeferred e) {
            return MessageOutcome.deferred(e);
        }
    }

    /**
     * Writes the records of {@code examined}, each under a savepoint: a message that another node (or an
     * earlier run) recorded first, or whose data the store refuses, has its part undone and the others keep
     * theirs. The rate limits' locks of every planned answer are taken first, in their global order. Throws
     * on an outage.
     */
    private List<Recorded> recordAll(Connection connection, List<Examined> examined, Instant now)
            throws SQLException {
        HeldLocks held = rateLimiter.lockAhead(connection, examined.stream()
                .filter(e -> e.decision().action() == Action.REDIRECT).map(e -> e.decision().answer().to()).toList());
        List<Recorded> recorded = new ArrayList<>();
        for (Examined message : examined) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                recorded.add(record(connection, held, message, now));
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                recorded.add(notRecorded(connection, message, e));
            }
            if (recorded.size() == 1 && examined.size() > 1) {
                CrashPoints.reach(CrashPoints.INBOUND_WITHIN_BATCH);
            }
        }
        CrashPoints.reach(CrashPoints.INBOUND_BEFORE_COMMIT);
        return recorded;
    }

    /** What becomes of a message whose record failed: the first record of its key, or its own failure. */
    private Recorded notRecorded(Connection connection, Examined message, Exception failure) throws SQLException {
        if (failure instanceof SQLException sql && StoreException.isUniqueViolation(sql)) {
            // Another node, or an earlier run that died after committing, recorded it first.
            Optional<InboundRecord> first = records.findByKey(connection, mailbox.name(), message.message().key());
            if (first.isPresent()) {
                return new Recorded(message, null, null, first.get(), null);
            }
        }
        if (Outages.isOutage(failure)) {
            if (failure instanceof SQLException sql) {
                throw sql;
            }
            throw (RuntimeException) failure;
        }
        return new Recorded(message, null, null, null, failure);
    }

    /** The outcome of a message whose batch is committed; logs it as one line. */
    private MessageOutcome afterCommit(Recorded recorded) throws IOException {
        Examined examined = recorded.examined();
        IncomingMessage message = examined.message();
        if (recorded.failure() != null) {
            return failed(message, recorded.failure());
        }
        LogContext context = LogContext.message(mailbox.name(), message.key());
        try {
            if (recorded.first() != null) {
                log.info("recorded first by another run as {}, {}", recorded.first().action(),
                        recorded.first().disposition());
                return MessageOutcome.recorded(dispositionOf(recorded.first().disposition()));
            }
            Decision decision = recorded.decision();
            Long answerId = recorded.answerId();
            context.with(LogContext.TICKET, examined.verdict().ticketId()).with(LogContext.OUTBOX_ID, answerId);
            log.info("<{}> from {}: {} -> {}{}{} [{}]", examined.messageId() == null ? "" : examined.messageId(),
                    examined.sender() == null ? "?" : examined.sender(), examined.verdict().mailClass().label(),
                    decision.action().label(), answerId == null ? "" : " answered to " + decision.answer().to(),
                    message.shadow() ? " (shadow: nothing sent)" : "",
                    String.join("; ", ruleNames(examined.verdict(), decision)));
            count(recorded, examined.verdict(), message.shadow());
            return MessageOutcome.recorded(dispositionOf(decision.action()));
        } finally {
            context.close();
        }
    }

    /**
     * Reads the whole message once: parses it (bounded) while hashing every byte; classifies and decides;
     * writes the planned answer. Keeps only what the record and the answer need, not the parsed mail.
     */
    private Examined examine(int index, IncomingMessage message) throws IOException {
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
        String hash = HexFormat.of().formatHex(sha256.digest());
        OutboxEntry answer = decision.action() == Action.REDIRECT && !message.shadow()
                ? answers.write(mail, decision.answer(), inboundKey(message)) : null;
        return new Examined(index, message, InboundRecord.of(mailbox.name(), message, hash, mail),
                mail == null ? null : mail.messageId(),
                mail == null || mail.from().isEmpty() ? null : mail.from().get(0).address(), verdict, decision, hash,
                answer);
    }

    private String inboundKey(IncomingMessage message) {
        return mailbox.name() + ":" + message.key();
    }

    private Recorded record(Connection connection, HeldLocks held, Examined examined, Instant now)
            throws SQLException {
        IncomingMessage message = examined.message();
        Optional<InboundRecord> sameBytes = records.findFirstBySha256(connection, mailbox.name(), examined.sha256());
        Long duplicateOf = sameBytes.map(InboundRecord::id).orElse(null);
        Decision decision = heldBackAsDuplicate(connection, examined, sameBytes);
        Long answerId = null;
        if (decision.action() == Action.REDIRECT) {
            Decision.PlannedAnswer planned = decision.answer();
            Optional<Reason> limited = rateLimiter.refusal(connection, held, planned.to(), planned.ticketId(),
                    now);
            if (limited.isPresent()) {
                decision = decision.heldBack(limited.get());
            } else if (!message.shadow()) {
                EnqueueResult queued = outbox.enqueue(connection, examined.answer());
                rateLimiter.record(connection, planned.to(), planned.ticketId(), inboundKey(message), now);
                answerId = queued.id();
            }
        }
        if (decision.bounce() != null && !message.shadow()) {
            notifications.markBounced(connection, decision.bounce().notificationMessageId(), decision.bounce().hard(),
                    decision.bounce().detail(), now);
        }
        Disposition disposition = dispositionOf(decision.action());
        records.insert(connection, examined.record()
                .handled(examined.verdict().mailClass().label(), decision.action().label(), disposition.label(),
                        examined.verdict().ticketId(), reasonLines(examined.verdict(), decision))
                .answered(answerId, decision.answer() == null ? null : decision.answer().to())
                .duplicateOf(duplicateOf)
                .at(now));
        return new Recorded(examined, decision, answerId, null, null);
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
    private Decision heldBackAsDuplicate(Connection connection, Examined examined, Optional<InboundRecord> sameBytes)
            throws SQLException {
        Decision decision = examined.decision();
        if (decision.action() != Action.REDIRECT) {
            return decision;
        }
        if (sameBytes.isPresent()) {
            return decision.heldBack(new Reason(DUPLICATE, "the same message was recorded as "
                    + sameBytes.get().messageKey()));
        }
        String messageId = examined.messageId();
        Optional<InboundRecord> answered = messageId == null ? Optional.empty()
                : records.findFirstAnsweredByMessageId(connection, messageId, examined.message().shadow());
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

    /**
     * What became of an examined message in the batch transaction: recorded, with the final decision and
     * the queued answer's outbox id (null when none); or recorded {@code first} under its key already; or
     * refused by the store for its own {@code failure}.
     */
    private record Recorded(Examined examined, Decision decision, Long answerId, InboundRecord first,
                            Exception failure) {
    }

    /**
     * What examining a message found, all its record needs: the message's place in its batch, the record
     * as far as the message tells, its Message-ID and sender, the verdict, the decision, the SHA-256 of its
     * bytes, and the answer written for a redirect (null for none, and in shadow mode).
     */
    private record Examined(int index, IncomingMessage message, InboundRecord.Outcome record, String messageId,
                            String sender, Verdict verdict, Decision decision, String sha256, OutboxEntry answer) {
    }
}
