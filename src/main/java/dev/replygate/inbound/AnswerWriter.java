package dev.replygate.inbound;

import dev.replygate.config.MailAddress;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.notify.TemplateRenderer;
import dev.replygate.outbound.AutoSubmitted;
import dev.replygate.outbound.MailComposer;
import dev.replygate.outbound.OutboxEntry;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.outbound.OutgoingMail;
import dev.replygate.outbound.SignedMessageIds;
import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes replygate's answer to a received message as RFC 3834 §3 asks: to one address, with the
 * null envelope sender, {@code Auto-Submitted: auto-replied}, threaded to the original, subject
 * {@code Auto: } + the original's, and never quoting more of the original than its subject.
 */
final class AnswerWriter {

    static final String REPLY_TEMPLATE = "reply-redirect";
    static final String NEW_MAIL_TEMPLATE = "new-mail-redirect";
    static final String SUBJECT_PREFIX = "Auto: ";
    /** The threading headers carry at most this many of the original's references. */
    private static final int MAX_REFERENCES = 20;

    private final ReplygateConfig config;
    private final TemplateRenderer renderer;
    private final SignedMessageIds messageIds;
    private final MailComposer composer;

    AnswerWriter(ReplygateConfig config, TemplateRenderer renderer, SignedMessageIds messageIds,
                 MailComposer composer) {
        this.config = config;
        this.renderer = renderer;
        this.messageIds = messageIds;
        this.composer = composer;
    }

    /**
     * The outbox entry of the answer to {@code original}: the reply-redirect when {@code ticketId} is
     * set, else the new-mail-redirect.
     */
    OutboxEntry write(ParsedMail original, String recipient, String ticketId, String locale, String inboundKey) {
        boolean aboutTicket = ticketId != null;
        Map<String, Object> variables = new HashMap<>();
        variables.put("portalName", config.portal().name());
        variables.put("clientAreaUrl", config.portal().clientAreaUrl());
        variables.put("recipientName", "");
        variables.put("originalSubject", original.subject());
        if (aboutTicket) {
            variables.put("ticket", ticketId);
            variables.put("ticketUrl", config.portal().ticketUrlFor(ticketId));
        } else {
            variables.put("newTicketUrl", config.portal().newTicketUrl());
            variables.put("signupUrl", config.portal().signupUrl());
        }
        RenderedTemplate rendered = renderer.render(aboutTicket ? REPLY_TEMPLATE : NEW_MAIL_TEMPLATE, locale,
                variables);
        String subject = SUBJECT_PREFIX + (original.subject().isBlank() ? rendered.subject() : original.subject());
        String messageId = aboutTicket ? messageIds.create(ticketId) : messageIds.createWithoutTicket();
        OutgoingMail mail = new OutgoingMail(messageId, config.sender().from(), null,
                new MailAddress(recipient, ""), subject, rendered.text(), rendered.html(), rendered.locale(),
                original.messageId(), referencesOf(original), AutoSubmitted.AUTO_REPLIED);
        return new OutboxEntry(OutboxKind.ANSWER, "answer:" + inboundKey, messageId, "", recipient, subject,
                ticketId, composer.compose(mail));
    }

    /** The original's References (or its In-Reply-To) followed by its own Message-ID (RFC 5322 §3.6.4). */
    static List<String> referencesOf(ParsedMail original) {
        List<String> references = new ArrayList<>(original.references().isEmpty() ? original.inReplyTo()
                : original.references());
        if (original.messageId() != null) {
            references.add(original.messageId());
        }
        if (references.size() > MAX_REFERENCES) {
            List<String> kept = new ArrayList<>();
            kept.add(references.get(0));
            kept.addAll(references.subList(references.size() - (MAX_REFERENCES - 1), references.size()));
            return kept;
        }
        return references;
    }
}
