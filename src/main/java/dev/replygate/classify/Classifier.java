package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a parsed message into a {@link Verdict}: automatic (which rules, which class, the delivery
 * facts of a bounce) or human (a reply to which ticket, or a new request). Thread-safe.
 *
 * <p>A message is automatic when any strong rule fires, or on a tie of weak signals (see
 * {@link AutomatedMailRules}). A rule that throws counts as having fired: a bug must make replygate
 * silent, never talkative.
 */
public final class Classifier {

    static final String RULE_FAILED = "rule-failed";
    private static final Logger LOG = LoggerFactory.getLogger(Classifier.class);

    private final List<AutomatedMailRule> strong;
    private final List<AutomatedMailRule> weakSubject;
    private final List<AutomatedMailRule> weakHeader;
    private final ReplyMatcher replies;
    private final DeliveryStatusParser deliveryStatus;

    /** A classifier with the rules of {@link AutomatedMailRules}. */
    public Classifier(TicketSignatures signatures) {
        this(AutomatedMailRules.strong(), AutomatedMailRules.weakSubject(), AutomatedMailRules.weakHeader(),
                signatures);
    }

    Classifier(List<AutomatedMailRule> strong, List<AutomatedMailRule> weakSubject,
               List<AutomatedMailRule> weakHeader, TicketSignatures signatures) {
        Objects.requireNonNull(signatures, "signatures");
        this.strong = List.copyOf(strong);
        this.weakSubject = List.copyOf(weakSubject);
        this.weakHeader = List.copyOf(weakHeader);
        this.replies = new ReplyMatcher(signatures);
        this.deliveryStatus = new DeliveryStatusParser(signatures);
    }

    public Verdict classify(ParsedMail mail, ClassifyContext ctx) {
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(ctx, "ctx");
        List<Finding> failures = new ArrayList<>();
        List<Finding> strongFindings = run(strong, mail, ctx, failures);
        List<Finding> subjectFindings = run(weakSubject, mail, ctx, failures);
        List<Finding> headerFindings = run(weakHeader, mail, ctx, failures);
        strongFindings.addAll(failures);
        List<Reason> weakSignals = new ArrayList<>();
        subjectFindings.forEach(f -> weakSignals.add(f.reason()));
        headerFindings.forEach(f -> weakSignals.add(f.reason()));

        List<Finding> deciding = new ArrayList<>(strongFindings);
        if (deciding.isEmpty() && !subjectFindings.isEmpty() && !headerFindings.isEmpty()) {
            deciding.addAll(subjectFindings);
            // The header signals say "automatic", the subject says what kind: they take its class.
            MailClass kind = subjectFindings.get(0).mailClass();
            headerFindings.forEach(f -> deciding.add(new Finding(f.reason(), kind)));
        }
        if (deciding.isEmpty()) {
            return human(mail, ctx, weakSignals);
        }
        // Only a message that already looks like a bounce has its plain text read for failed recipients.
        boolean bounceLike = deciding.stream().anyMatch(f -> f.mailClass() == MailClass.BOUNCE)
                || subjectFindings.stream().anyMatch(f -> f.mailClass() == MailClass.BOUNCE);
        return automatic(mail, deciding, weakSignals, bounceLike);
    }

    private Verdict automatic(ParsedMail mail, List<Finding> deciding, List<Reason> weakSignals, boolean bounceLike) {
        DeliveryReport delivery = deliveryStatus.parse(mail, bounceLike).orElse(null);
        ClassPrecedence.Outcome outcome = ClassPrecedence.resolve(deciding, delivery);
        boolean trusted = delivery != null && delivery.trusted();
        return new Verdict(outcome.mailClass(), outcome.reasons(), weakSignals,
                trusted ? delivery.ticketId() : null, trusted,
                trusted ? delivery.notificationMessageId() : null, delivery);
    }

    private Verdict human(ParsedMail mail, ClassifyContext ctx, List<Reason> weakSignals) {
        Optional<ReplyMatch> match = replies.match(mail, ctx);
        if (match.isEmpty()) {
            return new Verdict(MailClass.NEW, List.of(), weakSignals, null, false, null, null);
        }
        ReplyMatch reply = match.get();
        return new Verdict(MailClass.REPLY, List.of(reply.reason()), weakSignals, reply.ticketId(), reply.signed(),
                reply.notificationMessageId(), null);
    }

    private static List<Finding> run(List<AutomatedMailRule> rules, ParsedMail mail, ClassifyContext ctx,
                                     List<Finding> failures) {
        List<Finding> findings = new ArrayList<>();
        for (AutomatedMailRule rule : rules) {
            try {
                rule.test(mail, ctx).ifPresent(reason -> findings.add(new Finding(reason, rule.mailClass(reason))));
            } catch (RuntimeException e) {
                LOG.warn("rule {} failed on message {}; counting the message as automatic", rule.name(),
                        mail.messageId(), e);
                failures.add(new Finding(new Reason(RULE_FAILED, rule.name() + ": " + e), MailClass.AUTO_REPLY));
            }
        }
        return findings;
    }
}
