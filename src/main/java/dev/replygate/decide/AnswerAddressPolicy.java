package dev.replygate.decide;

import dev.replygate.address.MailAddress;
import dev.replygate.classify.Reason;

import dev.replygate.parse.ParsedMail;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The backscatter guard: the one address an answer may go to, or none. A forged sender must never
 * make replygate mail a stranger.
 *
 * <ul>
 *   <li>A reply tied to a ticket by our signature is answered only at the address that ticket's
 *       notification went to, whoever its From claims to be.</li>
 *   <li>Any other mail is answered only at its Return-Path (RFC 3834 §4), and only when our receiving
 *       server authenticated that address ({@link SenderAuthentication}). With no trusted authserv-id
 *       configured, it is never answered.</li>
 *   <li>Never when the Return-Path is the null path (RFC 3834 §2), never at one of our own addresses
 *       (any case, any plus tag), never at anything but one plain addr-spec. A message without any
 *       Return-Path header (saved, appended, or from a server that writes none) is not the null path:
 *       a signed reply is answered at its notification's address all the same; other mail has no
 *       address to be answered at.</li>
 * </ul>
 */
public final class AnswerAddressPolicy {

    public static final String TO_NOTIFICATION_RECIPIENT = "answer:notification-recipient";
    public static final String TO_RETURN_PATH = "answer:return-path";
    public static final String NULL_RETURN_PATH = "no-answer:null-return-path";
    public static final String MISSING_RETURN_PATH = "no-answer:missing-return-path";
    public static final String INVALID_ADDRESS = "no-answer:invalid-address";
    public static final String OWN_ADDRESS = "no-answer:own-address";

    private final SenderAuthentication authentication;
    private final AddressMatcher ourAddresses;

    /**
     * @param authentication how to tell that the receiving server authenticated a sender
     * @param ourAddresses   every address replygate sends from or receives at
     */
    public AnswerAddressPolicy(SenderAuthentication authentication, Collection<String> ourAddresses) {
        this.authentication = authentication;
        this.ourAddresses = new AddressMatcher(ourAddresses);
    }

    /**
     * For a message our signature tied to {@code ticketId}, whose notification went to
     * {@code notificationRecipient} (as the store recorded it).
     */
    public AnswerAddress forSignedReply(ParsedMail mail, String ticketId, String notificationRecipient) {
        Objects.requireNonNull(ticketId, "ticketId");
        Optional<NoAnswer> refusal = nullReturnPath(mail).or(() -> unusable(notificationRecipient));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        boolean fromDiffers = mail.from().stream()
                .noneMatch(sender -> sender.address().equalsIgnoreCase(notificationRecipient));
        return new AnswerTo(notificationRecipient, new Reason(TO_NOTIFICATION_RECIPIENT, "ticket " + ticketId
                + " notified " + notificationRecipient + "; From " + from(mail) + (fromDiffers ? " (differs)" : "")
                + "; Return-Path " + (mail.returnPath() == null ? "(missing)" : "<" + mail.returnPath() + ">")));
    }

    /** For a message no signature of ours ties to a ticket: a reply matched otherwise, or new mail. */
    public AnswerAddress forUnsignedMail(ParsedMail mail) {
        String returnPath = mail.returnPath();
        if (returnPath == null) {
            return new NoAnswer(new Reason(MISSING_RETURN_PATH, "no Return-Path to answer at"));
        }
        Optional<NoAnswer> refusal = nullReturnPath(mail).or(() -> unusable(returnPath));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        AuthVerdict verdict = authentication.verdict(mail, returnPath);
        if (!verdict.passed()) {
            return new NoAnswer(verdict.reason());
        }
        return new AnswerTo(returnPath, new Reason(TO_RETURN_PATH, returnPath + " authenticated: "
                + verdict.reason().value()));
    }

    private static Optional<NoAnswer> nullReturnPath(ParsedMail mail) {
        if (mail.returnPath() != null && mail.returnPath().isEmpty()) {
            return Optional.of(new NoAnswer(new Reason(NULL_RETURN_PATH, "Return-Path <>")));
        }
        return Optional.empty();
    }

    private Optional<NoAnswer> unusable(String address) {
        Optional<String> problem = MailAddress.problemOfPlain(address);
        if (problem.isPresent()) {
            return Optional.of(new NoAnswer(new Reason(INVALID_ADDRESS, problem.get())));
        }
        if (ourAddresses.matches(address)) {
            return Optional.of(new NoAnswer(new Reason(OWN_ADDRESS, address)));
        }
        return Optional.empty();
    }

    private static String from(ParsedMail mail) {
        if (mail.from().isEmpty()) {
            return "(none)";
        }
        return mail.from().stream().map(ParsedMail.Mailbox::address).collect(Collectors.joining(", "));
    }
}
