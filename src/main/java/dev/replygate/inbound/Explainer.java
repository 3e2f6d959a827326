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
 * Replays the inbound decision offline, without a mailbox or a store: what replygate would make of a
 * message and every rule that fired. Rate limits and the addresses of earlier notifications need the
 * store, so they are not applied here.
 */
public final class Explainer {

    private final MailParser parser;
    private final Classifier classifier;
    private final ClassifyContext context;
    private final Decider decider;
    private final Set<String> ourAddresses;

    /** Explains with the parts the mailboxes' pipelines use, looking notifications up in {@code directory}. */
    public Explainer(InboundParts parts, NotificationDirectory directory) {
        this.parser = parts.parser;
        this.classifier = parts.classifier;
        this.context = parts.context;
        this.decider = parts.decider(directory);
        this.ourAddresses = parts.ourAddresses;
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
                mail == null ? null : mail.messageId(), mail == null ? null : mail.subject());
    }

    /**
     * What {@code explain} prints for one message.
     *
     * @param mailClass reply, new, auto-reply, bounce, report, list, bulk, spam, loop or unparseable
     * @param action    redirect, ignore or quarantine
     * @param answerTo  where the answer would go; null when none
     */
    public record Explanation(String mailClass, String action, String ticket, String answerTo, List<Rule> reasons,
                              List<Rule> weakSignals, String messageId, String subject) {

        public record Rule(String rule, String value) {
        }
    }
}
