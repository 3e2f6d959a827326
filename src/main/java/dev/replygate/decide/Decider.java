package dev.replygate.decide;

import dev.replygate.classify.Reason;

import dev.replygate.classify.MailClass;
import dev.replygate.classify.RecipientStatus;
import dev.replygate.classify.Verdict;
import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps the classifier's verdict to one action. Automatic mail is never answered; human mail is
 * answered only where the backscatter guard allows, and only when it was addressed to the mailbox.
 * Rate limits need the store and are applied by the caller in its transaction
 * ({@link AnswerRateLimiter}). Nothing here can change a ticket.
 */
public final class Decider {

    public static final String AUTOMATIC = "no-answer:automatic";
    public static final String UNPARSEABLE = "quarantine:unparseable";
    public static final String NEW_MAIL_IGNORED = "no-answer:new-mail-ignored";
    public static final String UNKNOWN_NOTIFICATION = "no-answer:unknown-notification";
    public static final String TRUSTED_BOUNCE = "bounce:notification";

    private final AnswerAddressPolicy addressPolicy;
    private final NotificationDirectory directory;
    private final AnswerLanguage language;

    public Decider(AnswerAddressPolicy addressPolicy, NotificationDirectory directory, String defaultLocale,
                   List<String> locales) {
        this.addressPolicy = addressPolicy;
        this.directory = directory;
        this.language = new AnswerLanguage(defaultLocale, locales);
    }

    /**
     * @param verdict        the classifier's verdict
     * @param mail           the parsed message; null when it could not be parsed
     * @param mailboxAddresses the addresses of the mailbox it came from
     * @param answerNewMail  whether that mailbox answers new requests ({@code new-mail: redirect})
     */
    public Decision decide(Verdict verdict, ParsedMail mail, Set<String> mailboxAddresses, boolean answerNewMail) {
        if (verdict.mailClass() == MailClass.UNPARSEABLE || mail == null) {
            return new Decision(Action.QUARANTINE, List.of(new Reason(UNPARSEABLE, firstReason(verdict))), null,
                    null);
        }
        if (verdict.automatic()) {
            return new Decision(Action.IGNORE, List.of(new Reason(AUTOMATIC, verdict.mailClass().label() + " ("
                    + String.join(", ", verdict.ruleNames()) + ")")), null, bounceOf(verdict));
        }
        Optional<Reason> notForUs = AddressedToUs.notAddressedToUs(mail, mailboxAddresses);
        if (notForUs.isPresent()) {
            return Decision.ignore(List.of(notForUs.get()));
        }
        if (verdict.mailClass() == MailClass.REPLY) {
            return verdict.signed() ? signedReply(verdict, mail) : unsigned(mail, verdict.ticketId(),
                    directory.latestOfTicket(verdict.ticketId()).map(NotificationDirectory.Recipient::locale)
                            .orElseGet(() -> language.of(mail)));
        }
        if (!answerNewMail) {
            return Decision.ignore(List.of(new Reason(NEW_MAIL_IGNORED, "this mailbox answers replies only")));
        }
        return unsigned(mail, null, language.of(mail));
    }

    private Decision signedReply(Verdict verdict, ParsedMail mail) {
        String ticket = verdict.ticketId();
        Optional<NotificationDirectory.Recipient> notified = Optional.ofNullable(verdict.notificationMessageId())
                .flatMap(directory::byMessageId)
                .or(() -> directory.latestOfTicket(ticket));
        if (notified.isEmpty()) {
            return Decision.ignore(List.of(new Reason(UNKNOWN_NOTIFICATION, "no notification of ticket " + ticket
                    + " is recorded, so there is no address to answer at")));
        }
        AnswerAddress address = addressPolicy.forSignedReply(mail, ticket, notified.get().address());
        return answerOrNot(address, ticket, notified.get().locale(), true, notified.get().ticketKey());
    }

    private Decision unsigned(ParsedMail mail, String ticket, String locale) {
        return answerOrNot(addressPolicy.forUnsignedMail(mail), ticket, locale, false, null);
    }

    /** {@code ticketKey} is given for a signed reply only, answered at the notified address: the customer's. */
    private static Decision answerOrNot(AnswerAddress address, String ticket, String locale, boolean notifiedCustomer,
                                        String ticketKey) {
        if (address instanceof AnswerTo to) {
            return new Decision(Action.REDIRECT, List.of(to.reason()),
                    new Decision.PlannedAnswer(to.address(), ticket, locale, notifiedCustomer, ticketKey), null);
        }
        return Decision.ignore(List.of(((NoAnswer) address).reason()));
    }

    /** The bounce to record: only from a report that quoted a Message-ID we signed. */
    private static Decision.Bounce bounceOf(Verdict verdict) {
        if (verdict.delivery() == null || !verdict.delivery().trusted() || verdict.delivery().failures().isEmpty()) {
            return null;
        }
        List<RecipientStatus> failures = verdict.delivery().failures();
        boolean hard = failures.stream().anyMatch(RecipientStatus::hard);
        String detail = failures.stream()
                .map(f -> f.recipient() + " " + (f.status() == null ? "" : f.status() + " ") + f.diagnostic())
                .collect(Collectors.joining("; "));
        return new Decision.Bounce(verdict.delivery().notificationMessageId(), hard, detail.strip());
    }

    private static String firstReason(Verdict verdict) {
        List<String> values = new ArrayList<>();
        verdict.reasons().forEach(reason -> values.add(reason.value()));
        return values.isEmpty() ? "unreadable" : values.get(0);
    }
}
