package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.Optional;
import java.util.Set;

/**
 * RFC 6522 {@code multipart/report} of any report type: a delivery status notification (RFC 3464) is
 * a bounce; a read receipt (RFC 8098), an abuse report (RFC 5965) or anything else is a report.
 */
final class ReportRule implements AutomatedMailRule {

    static final String NAME = "multipart-report";
    static final Set<String> DELIVERY_REPORT_TYPES = Set.of("delivery-status", "global-delivery-status");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Reason> test(ParsedMail mail, ClassifyContext ctx) {
        if (!"multipart/report".equals(mail.mimeType())) {
            return Optional.empty();
        }
        String type = mail.reportType() == null ? "(none)" : mail.reportType();
        return Optional.of(Reason.header(NAME, "Content-Type", "multipart/report; report-type=" + type));
    }

    @Override
    public MailClass mailClass(Reason reason) {
        String type = reason.value().substring(reason.value().lastIndexOf('=') + 1);
        return DELIVERY_REPORT_TYPES.contains(type) ? MailClass.BOUNCE : MailClass.REPORT;
    }
}
