package dev.replygate.inbound;

import dev.replygate.classify.Classifier;
import dev.replygate.classify.ClassifyContext;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.decide.Decider;
import dev.replygate.decide.NotificationDirectory;
import dev.replygate.notify.TemplateRenderer;
import dev.replygate.outbound.MailComposer;
import dev.replygate.parse.MailParser;
import dev.replygate.parse.ParseLimits;
import dev.replygate.signing.ReplyTokens;
import dev.replygate.signing.SignedMessageIds;

import java.util.Set;

/**
 * What every mailbox's pipeline and {@code explain} share, built once: the parser, the classifier with
 * our signatures, the answers' writer. The composition root passes in the parts the sending side
 * shares too (signatures, templates, composer), so that each exists once per process.
 */
public final class InboundParts {

    final ReplygateConfig config;
    final MailParser parser;
    final Classifier classifier;
    final ClassifyContext context;
    final Set<String> ourAddresses;
    final AnswerWriter answers;
    final ExaminationWorkers workers = ExaminationWorkers.ofCores();

    public InboundParts(ReplygateConfig config, ParseLimits limits, SignedMessageIds messageIds, ReplyTokens replyTokens,
                        TemplateRenderer renderer, MailComposer composer) {
        this.config = config;
        this.parser = new MailParser(limits);
        this.classifier = new Classifier(InboundPipelines.signatures(messageIds, replyTokens));
        this.context = InboundPipelines.classifyContext(config);
        this.ourAddresses = InboundPipelines.ourAddresses(config);
        this.answers = new AnswerWriter(config, renderer, messageIds, composer);
    }

    /** The parse limits of the daemon with the configured text limit. */
    public static ParseLimits parseLimits(ReplygateConfig config) {
        return ParseLimits.DEFAULT.withMaxTextChars(config.inbound().maxTextBytes());
    }

    Decider decider(NotificationDirectory directory) {
        return InboundPipelines.decider(config, directory);
    }
}
