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
import dev.replygate.mailbox.Disposition;
import dev.replygate.mailbox.IncomingMessage;
import dev.replygate.mailbox.MessageDeferred;
import dev.replygate.mailbox.MessageOutcome;
import dev.replygate.mailbox.MessageSink;
import dev.replygate.mailbox.OtherMessageUnderKey;
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
import dev.replygate.text.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
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
    /** A message up to this size is read into memory and examined on a worker; a larger one is streamed. */
    static final int MAX_EXAMINED_IN_MEMORY = IncomingMessage.MAX_EXAMINED_IN_MEMORY;
    /** The most bytes of a batch's messages held in memory for the workers at once (plus one message). */
    static final long MAX_HELD_BYTES = 4L * MAX_EXAMINED_IN_MEMORY;
    /** The most messages of a batch started and not taken yet, per worker thread. */
    static final int MAX_PENDING_PER_THREAD = 4;
    /**
     * The most examined messages recorded in one transaction; a batch with more is recorded in several, in
     * order. H2 writes an open transaction's changed pages to the file once they outgrow its write buffer
     * (about 16 MB at -Xmx256m, less with a smaller heap), and writes them again at the commit: a batch of 500
     * over a store of 100 000 records was written 8 times while open, and twice the bytes went to the file
     * (bench/README.md, "Recording in transactions of 50"). 50 messages' changes stay below that buffer.
     */
    static final int RECORDS_PER_TRANSACTION = 50;

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
    private final ExaminationWorkers workers;

    InboundPipeline(MailboxConfig mailbox, Store store, MailParser parser, Classifier classifier,
                    ClassifyContext context, Decider decider, AnswerRateLimiter rateLimiter, AnswerWriter answers,
                    Outbox outbox, Notifications notifications, PoisonMessages poison, Clock clock, Meters meters,
                    ExaminationWorkers workers) {
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
        this.workers = workers;
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
     * the batch's keys), examines each other message (only what its record needs is kept), then records
     * them in order, {@value #RECORDS_PER_TRANSACTION} to a transaction. The mailbox applies the dispositions
     * once all are committed; a crash between two of these transactions leaves the committed messages in the
     * mailbox, recorded, and the next run files them without answering them again. The messages are read in
     * order on this thread, the one that owns the mailbox's connection; a small message's bytes are examined on
     * a {@link ExaminationWorkers worker} meanwhile, a large one is streamed and examined here. What the examinations come to is taken in
     * batch order, on this thread, so outcomes, log lines and the first outage are as if one thread did it
     * all. A message's own failure, whether while it is examined or while it
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
        boolean parallel = batch.size() > 1;
        try (BatchExaminations<Attempt> started = new BatchExaminations<>(workers, MAX_PENDING_PER_THREAD
                * workers.threads(), MAX_HELD_BYTES)) {
            int taken = 0;
            for (int i = 0; i < batch.size() && outage == null; i++) {
                IncomingMessage message = batch.get(i);
                InboundRecord first = known.get(message.key());
                LogContext context = LogContext.message(mailbox.name(), message.key());
                try {
                    start(started, i, message, first, parallel);
                } finally {
                    context.close();
                }
                boolean last = i == batch.size() - 1;
                while (outage == null && !started.isEmpty() && (last || started.full() || started.oldestDone())) {
                    int index = taken++;
                    outage = take(started, batch.get(index), index, outcomes, examined);
                    if (outage != null) {
                        end = index;
                    }
                }
            }
        }
        for (int from = 0; from < examined.size(); from += RECORDS_PER_TRANSACTION) {
            List<Examined> part = examined.subList(from, Math.min(examined.size(), from + RECORDS_PER_TRANSACTION));
            boolean last = from + part.size() == examined.size();
            List<Recorded> recorded;
            try {
                Instant now = clock.instant();
                recorded = store.inTransaction(connection -> recordAll(connection, part, now));
            } catch (RuntimeException e) {
                // the store is out of reach: none of this transaction's messages is recorded
                return new BatchOutcome(Arrays.asList(outcomes).subList(0, part.get(0).index()), e);
            }
            CrashPoints.reach(last ? CrashPoints.INBOUND_AFTER_COMMIT : CrashPoints.INBOUND_BETWEEN_TRANSACTIONS);
            for (Recorded done : recorded) {
                int index = done.examined().index();
                try {
                    outcomes[index] = afterCommit(done);
                } catch (IOException | RuntimeException e) {
                    // this message is committed: it and those after it are given again next run
                    return new BatchOutcome(Arrays.asList(outcomes).subList(0, index), e);
                }
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

    /**
     * Starts examining the message at {@code index}, on this thread, the one that owns the mailbox's
     * connection: a message already recorded as {@code first} is done; one of at most
     * {@value #MAX_EXAMINED_IN_MEMORY} bytes is read into memory here and examined on a worker when
     * {@code parallel}; a larger one is streamed and examined here.
     */
    private void start(BatchExaminations<Attempt> started, int index, IncomingMessage message, InboundRecord first,
                       boolean parallel) {
        if (first != null) {
            started.addDone(!message.keyMayBeReused() ? new Attempt(null, first, null)
                    : PoisonMessages.bytesUnknown(first) ? servedAtLast(index, message, first)
                    : sameAsRecorded(message, first));
            return;
        }
        boolean mayFit = message.size() < 0 || message.size() <= MAX_EXAMINED_IN_MEMORY;
        if (!parallel || !mayFit) {
            started.addDone(attempt(() -> examine(index, message, message.openRaw())));
            return;
        }
        byte[] head;
        InputStream raw;
        try {
            raw = message.openRaw();
            try {
                head = HeldBytes.read(raw, message.size(), MAX_EXAMINED_IN_MEMORY);
            } catch (IOException | RuntimeException | StackOverflowError e) {
                closeAfterFailure(raw, e);
                throw e;
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            started.addDone(new Attempt(null, null, e));
            return;
        }
        if (head.length > MAX_EXAMINED_IN_MEMORY) {
            started.addDone(attempt(() -> examine(index, message,
                    new SequenceInputStream(new ByteArrayInputStream(head), raw))));
            return;
        }
        try {
            raw.close();
        } catch (IOException | RuntimeException e) {
            started.addDone(new Attempt(null, null, e));
            return;
        }
        started.addOnWorker(() -> attempt(() -> examine(index, message, new ByteArrayInputStream(head))),
                head.length);
    }

    /**
     * Whether {@code message}, listed under the key of {@code first} by a server that may reuse keys, is that
     * recorded message (a run that crashed before its disposition, the one case where a recorded key is listed again
     * in delete mode) or another: its bytes are read and hashed, streamed. Another is {@link OtherMessageUnderKey};
     * bytes that cannot be read now leave it for the next run without counting against it, as its record stands.
     */
    private Attempt sameAsRecorded(IncomingMessage message, InboundRecord first) {
        String hash;
        try {
            hash = Sha256.hexOf(message.openRaw());
        } catch (IOException | RuntimeException e) {
            return new Attempt(null, null, Outages.isOutage(e) ? e : new MessageDeferred(
                    "its key is recorded and its bytes could not be read to tell whether it is the recorded message ("
                            + e.getClass().getSimpleName() + ")", e));
        }
        return hash.equals(first.sha256()) ? new Attempt(null, first, null)
                : new Attempt(null, null, new OtherMessageUnderKey(first.sha256(), hash));
    }

    /**
     * {@code message}, listed under the key of {@code first}, a record made without its bytes (they could not be read,
     * {@link PoisonMessages#bytesUnknown}) by a server that may reuse keys: whichever message it is, none was processed
     * under its key, so it is now, once, and its record replaces {@code first} in its record transaction. Bytes that
     * still cannot be read leave it as recorded, quarantined, with nothing counted again.
     */
    private Attempt servedAtLast(int index, IncomingMessage message, InboundRecord first) {
        Attempt attempt = attempt(() -> examine(index, message, message.openRaw()));
        if (attempt.examined() != null) {
            log.info("recorded quarantined without its bytes, which the server serves now: processed");
            return new Attempt(attempt.examined().replacing(first), null, null);
        }
        return Outages.isOutage(attempt.failure()) ? attempt : new Attempt(null, first, null);
    }

    private static void closeAfterFailure(InputStream raw, Throwable failure) {
        try {
            raw.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Runs {@code examination}, keeping what it threw: the message's own failure or an outage, told apart later. */
    private static Attempt attempt(Examination examination) {
        try {
            return new Attempt(examination.run(), null, null);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // StackOverflowError: a pattern or parser recursing on hostile input; the stack is unwound here
            return new Attempt(null, null, e);
        }
    }

    /**
     * Takes the oldest started examination, that of the message at {@code index}, as the batch's order
     * asks: logs a message already recorded; keeps an examined one for the batch's record transactions; defers or
     * quarantines a message whose own failure stopped its examination. Returns the outage that stops the
     * batch at this message, or null.
     */
    private Exception take(BatchExaminations<Attempt> started, IncomingMessage message, int index,
                           MessageOutcome[] outcomes, List<Examined> examined) {
        LogContext context = LogContext.message(mailbox.name(), message.key());
        try {
            Attempt attempt = started.takeOldest();
            if (attempt.first() != null) {
                log.info("already recorded as {}, {}", attempt.first().action(), attempt.first().disposition());
                outcomes[index] = MessageOutcome.recorded(dispositionOf(attempt.first().disposition()));
            } else if (attempt.examined() != null) {
                examined.add(attempt.examined());
            } else {
                Throwable failure = attempt.failure();
                if (failure instanceof MessageDeferred deferred) {
                    // not counted against the message: its key's record stands (the mailbox logs it)
                    outcomes[index] = MessageOutcome.deferred(deferred);
                } else if (!Outages.isOutage(failure)) {
                    outcomes[index] = failed(message, failure);
                } else if (failure instanceof Exception outage) {
                    return outage;
                } else {
                    throw (Error) failure;
                }
            }
            return null;
        } catch (InterruptedException e) {
            // a stop, never the message's failure: the batch ends here and the outage carries the interrupt
            // (the flag stays clear: the batch before it is still recorded, in H2 perhaps)
            return e;
        } catch (IOException | RuntimeException e) {
            return e;
        } finally {
            context.close();
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
        if (message.replaces() != null) {
            // the record made without its bytes stands: quarantined already, nothing to count
            return new Recorded(message, null, null, message.replaces(), null);
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
    private Examined examine(int index, IncomingMessage message, InputStream rawBytes) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        ParsedMail mail = null;
        String parseError = null;
        try (InputStream raw = new DigestInputStream(rawBytes, sha256)) {
            try {
                mail = parser.parse(raw);
            } catch (UnparseableMailException e) {
                parseError = e.getMessage();
            }
            raw.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            sha256.reset();
            throw e;
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        Verdict verdict = mail == null ? Verdict.unparseable(parseError) : classifier.classify(mail, context);
        Decision decision = decider.decide(verdict, mail, mailboxAddresses,
                mailbox.newMail() == MailboxConfig.NewMail.REDIRECT);
        OutboxEntry answer = decision.action() == Action.REDIRECT && !message.shadow()
                ? answers.write(mail, decision.answer(), inboundKey(message)) : null;
        InboundRecord.Outcome record = InboundRecord.of(mailbox.name(), message, hash, mail);
        return new Examined(index, message, record, record.messageId(),
                mail != null && mail.messageId() != null && !mail.messageId().equals(record.messageId()),
                record.sender(), verdict, decision, hash, answer, null);
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
        if (examined.replaces() != null) {
            records.deleteWithoutBytes(connection, examined.replaces());
        }
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
        Optional<InboundRecord> answered = messageId == null || examined.messageIdCut() ? Optional.empty()
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

    /** One examination, run on whichever thread: what it found, or what it threw. */
    @FunctionalInterface
    private interface Examination {
        Examined run() throws IOException;
    }

    /**
     * A started message as its batch takes it: {@code examined}, or already recorded as {@code first}, or
     * stopped by {@code failure} (its own, or an outage).
     */
    private record Attempt(Examined examined, InboundRecord first, Throwable failure) {
    }

    /**
     * What became of an examined message in its record transaction: recorded, with the final decision and
     * the queued answer's outbox id (null when none); or recorded {@code first} under its key already; or
     * refused by the store for its own {@code failure}.
     */
    private record Recorded(Examined examined, Decision decision, Long answerId, InboundRecord first,
                            Exception failure) {
    }

    /**
     * What examining a message found, all its record needs: the message's place in its batch, the record
     * as far as the message tells, its Message-ID and sender, the verdict, the decision, the SHA-256 of its
     * bytes, the answer written for a redirect (null for none, and in shadow mode), and the record made without its
     * bytes that its own replaces (null for none). The Message-ID is as the store keeps it; {@code messageIdCut}: it
     * was longer in the message, so no record can hold it whole.
     */
    private record Examined(int index, IncomingMessage message, InboundRecord.Outcome record, String messageId,
                            boolean messageIdCut, String sender, Verdict verdict, Decision decision, String sha256,
                            OutboxEntry answer, InboundRecord replaces) {

        Examined replacing(InboundRecord withoutBytes) {
            return new Examined(index, message, record, messageId, messageIdCut, sender, verdict, decision, sha256,
                    answer, withoutBytes);
        }
    }
}
