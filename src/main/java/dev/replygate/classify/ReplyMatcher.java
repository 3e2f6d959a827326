package dev.replygate.classify;

import dev.replygate.signing.BodyMarker;
import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ties a human message to a ticket, strongest evidence first: a signed Message-ID of ours in
 * In-Reply-To, then in References (newest first); a signed reply address among the recipients; a
 * body marker carrying a signed Message-ID; an admin's subject pattern.
 */
final class ReplyMatcher {

    static final String SIGNED_MESSAGE_ID = "signed-message-id";
    static final String SIGNED_REPLY_ADDRESS = "signed-reply-address";
    static final String BODY_MARKER = "body-marker";
    static final String SUBJECT_PATTERN = "subject-pattern:";

    private final TicketSignatures signatures;

    ReplyMatcher(TicketSignatures signatures) {
        this.signatures = signatures;
    }

    Optional<ReplyMatch> match(ParsedMail mail, ClassifyContext ctx) {
        for (String id : threadIds(mail)) {
            Optional<String> ticket = signatures.ticketOfMessageId(id);
            if (ticket.isPresent()) {
                return Optional.of(new ReplyMatch(ticket.get(), new Reason(SIGNED_MESSAGE_ID, id), true, id));
            }
        }
        if (mail.recipients() != null) {
            for (ParsedMail.Mailbox recipient : mail.recipients()) {
                if (recipient == null || recipient.address() == null) {
                    continue;
                }
                Optional<String> ticket = signatures.ticketOfAddress(recipient.address());
                if (ticket.isPresent()) {
                    return Optional.of(new ReplyMatch(ticket.get(),
                            new Reason(SIGNED_REPLY_ADDRESS, recipient.address()), true, null));
                }
            }
        }
        for (String id : BodyMarker.messageIdsIn(mail.text())) {
            Optional<String> ticket = signatures.ticketOfMessageId(id);
            if (ticket.isPresent()) {
                return Optional.of(new ReplyMatch(ticket.get(), new Reason(BODY_MARKER, id), true, id));
            }
        }
        String subject = mail.subject() == null ? "" : mail.subject();
        for (SubjectPattern pattern : ctx.subjectPatterns()) {
            Optional<String> ticket = pattern.ticketIn(subject);
            if (ticket.isPresent()) {
                return Optional.of(new ReplyMatch(ticket.get(),
                        Reason.header(SUBJECT_PATTERN + pattern.name(), "Subject", subject), false, null));
            }
        }
        return Optional.empty();
    }

    private static List<String> threadIds(ParsedMail mail) {
        List<String> ids = new ArrayList<>();
        if (mail.inReplyTo() != null) {
            ids.addAll(mail.inReplyTo());
        }
        if (mail.references() != null) {
            for (int i = mail.references().size() - 1; i >= 0; i--) {
                ids.add(mail.references().get(i));
            }
        }
        ids.removeIf(id -> id == null || id.isBlank());
        return ids;
    }
}
