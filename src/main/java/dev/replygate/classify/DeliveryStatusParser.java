package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the facts of a bounce or delivery report: which recipients, what happened, hard or soft,
 * and which of our notifications it is about. RFC 3464 delivery-status fields come first; without
 * them the plain text is read ({@link TextBounce}), with Exim's {@code X-Failed-Recipients}.
 *
 * <p>The report is {@link DeliveryReport#trusted() trusted} only when a quoted Message-ID verifies as
 * one replygate signed: anyone can forge a bounce.
 */
public final class DeliveryStatusParser {

    private final TicketSignatures signatures;

    public DeliveryStatusParser(TicketSignatures signatures) {
        this.signatures = java.util.Objects.requireNonNull(signatures, "signatures");
    }

    /** The report's facts; empty when the message names neither a recipient nor a quoted Message-ID. */
    public Optional<DeliveryReport> parse(ParsedMail mail) {
        return parse(mail, true);
    }

    /**
     * As {@link #parse(ParsedMail)}; with {@code readText} false only structured evidence counts
     * (delivery-status fields, {@code X-Failed-Recipients}), so that the text of an auto-reply that
     * happens to say "not be delivered" never yields failed recipients.
     */
    Optional<DeliveryReport> parse(ParsedMail mail, boolean readText) {
        String reportingMta = null;
        Map<String, RecipientStatus> recipients = new LinkedHashMap<>();
        if (mail.deliveryStatus() != null) {
            for (String text : mail.deliveryStatus()) {
                DsnFields fields = DsnFields.parse(text == null ? "" : text);
                reportingMta = reportingMta == null ? fields.reportingMta : reportingMta;
                for (DsnFields.Recipient recipient : fields.recipients) {
                    recipients.putIfAbsent(key(recipient.address()), fromFields(recipient, mail));
                }
            }
        }
        Optional<String> report = readText ? TextBounce.report(mail) : Optional.empty();
        if (recipients.isEmpty() && report.isPresent()) {
            // Some MTAs write RFC 3464 fields into the text instead of a delivery-status part.
            for (DsnFields.Recipient recipient : DsnFields.parse(report.get()).recipients) {
                recipients.putIfAbsent(key(recipient.address()), fromFields(recipient, mail));
            }
        }
        List<String> failedHeader = failedRecipientsHeader(mail);
        if (recipients.isEmpty() && !failedHeader.isEmpty()) {
            // Exim names the failed recipients exactly; the text only explains them.
            String words = report.orElse(mail.text() == null ? "" : mail.text());
            Map<String, RecipientStatus> readFromWords = new HashMap<>();
            for (TextBounce.Found found : TextBounce.about(failedHeader, words)) {
                // addresses the text does not name share its whole text: read it once for all of them
                RecipientStatus status = readFromWords.computeIfAbsent(found.words(), w -> fromText(found));
                recipients.putIfAbsent(key(found.address()), new RecipientStatus(found.address(), null,
                        status.action(), status.status(), status.diagnostic(), status.hard()));
            }
        }
        if (recipients.isEmpty() && report.isPresent()) {
            for (TextBounce.Found found : TextBounce.recipients(mail, report.get())) {
                recipients.putIfAbsent(key(found.address()), fromText(found));
            }
        }
        List<String> quoted = QuotedMessageIds.in(mail);
        if (recipients.isEmpty() && quoted.isEmpty()) {
            return Optional.empty();
        }
        for (String id : quoted) {
            Optional<String> ticket = signatures.ticketOfMessageId(id);
            if (ticket.isPresent()) {
                return Optional.of(new DeliveryReport(reportingMta, new ArrayList<>(recipients.values()), id, true,
                        ticket.get()));
            }
        }
        return Optional.of(new DeliveryReport(reportingMta, new ArrayList<>(recipients.values()),
                quoted.isEmpty() ? null : quoted.get(0), false, null));
    }

    private static RecipientStatus fromFields(DsnFields.Recipient fields, ParsedMail mail) {
        DeliveryAction action = DeliveryAction.parse(fields.action);
        String diagnostic = fields.diagnostic == null ? "" : fields.diagnostic;
        String status = StatusCodes.enhanced(fields.status);
        if (status == null || status.endsWith(".0.0")) {
            String fromDiagnostic = StatusCodes.enhanced(diagnostic);
            status = fromDiagnostic != null ? fromDiagnostic : status != null ? status : StatusCodes.fromReplyCode(diagnostic);
        }
        if (action == DeliveryAction.UNKNOWN && status != null) {
            action = status.startsWith("2") ? DeliveryAction.DELIVERED
                    : status.startsWith("4") ? DeliveryAction.DELAYED : DeliveryAction.FAILED;
        }
        String words = diagnostic;
        if ((diagnostic.isBlank() || status == null || status.endsWith(".0.0")) && mail.text() != null) {
            // Without the remote server's words, the human-readable part often has them.
            String context = TextBounce.about(fields.address(), head(mail.text()), false).words();
            words = diagnostic + "\n" + context;
            String specific = StatusCodes.enhanced(context);
            if (specific != null && (status == null || (status.endsWith(".0.0") && specific.charAt(0) == status.charAt(0)))) {
                status = specific;
            }
        }
        return new RecipientStatus(fields.address(), Addresses.bare(fields.originalRecipient), action, status,
                diagnostic, BounceSeverity.hard(action, status, words));
    }

    private static RecipientStatus fromText(TextBounce.Found found) {
        String words = found.words() == null ? "" : found.words();
        String status = StatusCodes.enhanced(words);
        if (status == null) {
            status = StatusCodes.fromReplyCode(words);
        }
        DeliveryAction action = found.delayed() ? DeliveryAction.DELAYED : DeliveryAction.FAILED;
        String diagnostic = head(words.strip());
        return new RecipientStatus(found.address(), null, action, status, diagnostic,
                BounceSeverity.hard(action, status, words));
    }

    private static List<String> failedRecipientsHeader(ParsedMail mail) {
        List<String> out = new ArrayList<>();
        for (String value : mail.headers(FailedRecipientsRule.HEADER)) {
            java.util.regex.Matcher matcher = Addresses.ADDRESS.matcher(value);
            while (out.size() < TextBounce.MAX_RECIPIENTS && matcher.find()) {
                out.add(Addresses.normalise(matcher.group()));
            }
        }
        return out;
    }

    private static String head(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
