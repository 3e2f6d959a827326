package dev.replygate.inbound;

import dev.replygate.classify.ClassifyContext;
import dev.replygate.classify.Classifier;
import dev.replygate.classify.Verdict;
import dev.replygate.decide.Decider;
import dev.replygate.decide.Decision;
import dev.replygate.decide.NotificationDirectory;
import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParsedMail;
import dev.replygate.parse.UnparseableMailException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Replays the inbound decision on a saved message, without a mailbox: what replygate would make of it
 * and every rule that fired. Notifications on record are looked up in the directory given (the store,
 * read-only); rate limits are not applied. Without a store, a signed reply whose notification is
 * therefore unknown also says what would happen were its notification on record.
 */
public final class Explainer {

    private final MailParser parser;
    private final Classifier classifier;
    private final ClassifyContext context;
    private final Decider decider;
    private final Set<String> ourAddresses;
    private final InboundParts parts;
    private final boolean offline;

    /** Explains with the parts the mailboxes' pipelines use, looking notifications up in {@code directory}. */
    public Explainer(InboundParts parts, NotificationDirectory directory) {
        this.parser = parts.parser;
        this.classifier = parts.classifier;
        this.context = parts.context;
        this.decider = parts.decider(directory);
        this.ourAddresses = parts.ourAddresses;
        this.parts = parts;
        this.offline = directory == NotificationDirectory.OFFLINE;
    }

    public Explanation explain(InputStream raw) throws IOException {
        ParsedMail mail;
        Verdict verdict;
        try {
            mail = parser.parse(raw);
            verdict = classifier.classify(mail, context);
        } catch (UnparseableMailException e) {
            mail = null;
            verdict = Verdict.unparseable(e.getMessage());
        }
        Decision decision = decider.decide(verdict, mail, ourAddresses, true);
        List<Explanation.Rule> reasons = new ArrayList<>();
        verdict.reasons().forEach(r -> reasons.add(new Explanation.Rule(r.rule(), r.value())));
        decision.reasons().forEach(r -> reasons.add(new Explanation.Rule(r.rule(), r.value())));
        List<Explanation.Rule> weak = verdict.weakSignals().stream()
                .map(r -> new Explanation.Rule(r.rule(), r.value())).toList();
        return new Explanation(verdict.mailClass().label(), decision.action().label(), verdict.ticketId(),
                decision.answer() == null ? null : decision.answer().to(), reasons, weak,
                mail == null ? null : mail.messageId(), mail == null ? null : mail.subject(),
                ifOnRecord(verdict, mail, decision));
    }

    /** Offline, for a reply our signature ties to a ticket with no notification known: the action were one on record. */
    private Hypothesis ifOnRecord(Verdict verdict, ParsedMail mail, Decision decision) {
        boolean unknown = decision.reasons().stream().anyMatch(r -> r.rule().equals(Decider.UNKNOWN_NOTIFICATION));
        if (!offline || !unknown || mail == null || mail.from().isEmpty()) {
            return null;
        }
        // the notification went, most likely, to the address the reply comes from
        String notified = mail.from().get(0).address();
        Decision onRecord = parts.decider(NotificationDirectory.everyNotificationTo(notified,
                parts.config.notifications().defaultLocale())).decide(verdict, mail, ourAddresses, true);
        return new Hypothesis(onRecord.action().label(), onRecord.answer() == null ? null
                : "the address ticket " + verdict.ticketId() + "'s notification went to");
    }

    /**
     * What {@code explain} prints for one message.
     *
     * @param mailClass reply, new, auto-reply, bounce, report, list, bulk, spam, loop or unparseable
     * @param action    redirect, ignore or quarantine
     * @param answerTo  where the answer would go; null when none
     */
    public record Explanation(String mailClass, String action, String ticket, String answerTo, List<Rule> reasons,
                              List<Rule> weakSignals, String messageId, String subject, Hypothesis ifOnRecord) {

        public record Rule(String rule, String value) {
        }
    }

    /**
     * What would happen were the ticket's notification on record (explain read no store).
     *
     * @param action   redirect or ignore
     * @param answerTo where the answer would go, in words; null when none
     */
    public record Hypothesis(String action, String answerTo) {
    }
}
