package dev.replygate.inbound;

import dev.replygate.address.MailAddress;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.decide.Decision;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.notify.TemplateRenderer;
import dev.replygate.outbound.AutoSubmitted;
import dev.replygate.outbound.MailComposer;
import dev.replygate.outbound.OutboxEntry;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.outbound.OutgoingMail;
import dev.replygate.signing.SignedMessageIds;
import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes replygate's answer to a received message as RFC 3834 §3 asks: to one address, with the
 * null envelope sender, {@code Auto-Submitted: auto-replied}, threaded to the original.
 *
 * <p>An answer carries none of a stranger's words: its subject is {@code Auto: } + our template's
 * subject (which names at most the ticket), never the original's, since anyone can send us mail with
 * a subject meant for a third party (spam, a phishing link) and make us deliver it from our domain.
 * The original's subject appears only in the body of an answer to a signed reply, which goes to the
 * ticket's notified customer (the template escapes and isolates it); the body never quotes more.
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
     * The outbox entry of {@code answer} to {@code original}: the reply-redirect when it is about a
     * ticket, else the new-mail-redirect.
     */
    OutboxEntry write(ParsedMail original, Decision.PlannedAnswer answer, String inboundKey) {
        String recipient = answer.to();
        String ticketId = answer.ticketId();
        boolean aboutTicket = ticketId != null;
        Map<String, Object> variables = new HashMap<>();
        variables.put("portalName", config.portal().name());
        variables.put("clientAreaUrl", config.portal().clientAreaUrl());
        variables.put("recipientName", "");
        if (aboutTicket) {
            variables.put("ticket", ticketId);
            // the key on record with the notification replied to; never one a stranger's message names
            variables.put("ticketUrl", config.portal().ticketUrlFor(ticketId, answer.ticketKey()));
        } else {
            variables.put("newTicketUrl", config.portal().newTicketUrl());
            variables.put("signupUrl", config.portal().signupUrl());
        }
        RenderedTemplate rendered = renderer.render(aboutTicket ? REPLY_TEMPLATE : NEW_MAIL_TEMPLATE, answer.locale(),
                variables);
        String subject = SUBJECT_PREFIX + rendered.subject();
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
