package dev.replygate.app;

import dev.replygate.config.ReplygateConfig;
import dev.replygate.inbound.InboundParts;
import dev.replygate.notify.TemplateRenderer;
import dev.replygate.outbound.MailComposer;
import dev.replygate.signing.LoopHeader;
import dev.replygate.signing.ReplyTokens;
import dev.replygate.signing.SignedMessageIds;
import dev.replygate.signing.SigningKeys;

import java.time.Clock;

/**
 * The parts built once from the configuration and shared by the notifications, every mailbox and
 * {@code explain}: the signing keys' Message-IDs and reply tokens, the templates, the composer and the
 * inbound parser and classifier.
 */
record SharedParts(SignedMessageIds messageIds, ReplyTokens replyTokens, TemplateRenderer renderer,
                   MailComposer composer, InboundParts inbound) {

    static SharedParts of(ReplygateConfig config, Clock clock) {
        SigningKeys keys = SigningKeys.from(config.signing());
        SignedMessageIds messageIds = new SignedMessageIds(keys, config.instance().domain());
        ReplyTokens replyTokens = new ReplyTokens(keys, config.sender().replyTo());
        TemplateRenderer renderer = TemplateRenderer.of(config, config.notifications().timeZone(), clock);
        MailComposer composer = new MailComposer(LoopHeader.of(config.instance()), clock);
        return new SharedParts(messageIds, replyTokens, renderer, composer, new InboundParts(config,
                InboundParts.parseLimits(config), messageIds, replyTokens, renderer, composer));
    }
}
