package dev.replygate.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of AUTOMATIC-MAIL.md. Strong rules decide alone; weak signals only break a tie:
 * when no strong rule fired, a message is automatic when at least one weak <em>subject</em> signal
 * and at least one weak <em>header</em> signal fired, and it takes the class of the subject signal.
 */
public final class AutomatedMailRules {

    private AutomatedMailRules() {
    }

    /** The strong rules, any one of which makes a message automatic, in the order {@code explain} lists them. */
    public static List<AutomatedMailRule> strong() {
        List<AutomatedMailRule> rules = new ArrayList<>(List.of(
                new LoopHeaderRule(),
                new XLoopRule(),
                new OwnMessageIdRule(),
                new OwnSenderRule(),
                new ReportRule(),
                new DeliveryStatusPartRule(),
                new FailedRecipientsRule(),
                new FeedbackLoopReportRule(),
                new SpamVerdictRule(),
                new AutoSubmittedRule(),
                new NullReturnPathRule(),
                new AutoResponseSuppressRule(),
                new VendorAutoReplyRule(),
                new PrecedenceRule(),
                new ListHeaderRule()));
        rules.addAll(RobotSenderRule.ALL);
        rules.addAll(MailSystemFromRule.ALL);
        rules.addAll(BounceTextRule.ALL);
        return List.copyOf(rules);
    }

    /** Weak signals in the subject; never decide alone. */
    public static List<AutomatedMailRule> weakSubject() {
        return List.copyOf(WeakSubjectSignal.ALL);
    }

    /** Weak signals in other headers; never decide alone. */
    public static List<AutomatedMailRule> weakHeader() {
        return List.copyOf(WeakHeaderSignal.ALL);
    }
}
