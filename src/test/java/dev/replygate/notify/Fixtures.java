package dev.replygate.notify;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renderers on a fixed clock and complete variable sets for the built-in templates. */
final class Fixtures {

    /** 2026-03-21 12:00 in Tehran: 1 Farvardin 1405, the Persian new year. */
    static final Instant NOWRUZ_1405 = Instant.parse("2026-03-21T08:30:00Z");
    static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    static final String TICKET = "123456";
    static final String TICKET_URL = "https://portal.example.com/viewticket.php?tid=123456";
    static final String CLIENT_AREA_URL = "https://portal.example.com/clientarea.php";

    static final List<String> NOTIFICATIONS = List.of("ticket-opened", "ticket-answered", "ticket-closed",
            "ticket-reminder");
    static final List<String> ALL_TEMPLATES = List.of("ticket-opened", "ticket-answered", "ticket-closed",
            "ticket-reminder", "reply-redirect", "new-mail-redirect", "digest");

    private Fixtures() {
    }

    static TemplateRenderer renderer() {
        return renderer(Path.of("does-not-exist"));
    }

    static TemplateRenderer renderer(Path overrideDirectory) {
        return new TemplateRenderer(overrideDirectory, "en", TEHRAN, Clock.fixed(NOWRUZ_1405, ZoneOffset.UTC));
    }

    /** Every variable the template uses, required and optional, with realistic values. */
    static Map<String, Object> fullVariables(String template) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("portalName", "Example Hosting");
        variables.put("clientAreaUrl", CLIENT_AREA_URL);
        variables.put("recipientName", "Sara Ahmadi");
        switch (template) {
            case "ticket-opened", "ticket-answered", "ticket-closed", "ticket-reminder" -> {
                variables.putAll(ticket());
                variables.put("department", "Technical");
                variables.put("status", "Open");
                variables.put("operator", "Reza");
                variables.put("lastReplyDate", Instant.parse("2026-03-18T09:00:00Z"));
            }
            case "reply-redirect" -> {
                variables.put("ticket", TICKET);
                variables.put("ticketUrl", TICKET_URL);
                variables.put("originalSubject", "Re: [Ticket #123456] Website is down");
            }
            case "new-mail-redirect" -> {
                variables.put("newTicketUrl", "https://portal.example.com/submitticket.php");
                variables.put("signupUrl", "https://portal.example.com/register.php");
            }
            case "digest" -> variables.putAll(digest());
            default -> throw new IllegalArgumentException(template);
        }
        return variables;
    }

    static Map<String, Object> ticket() {
        return Map.of("ticket", TICKET, "ticketUrl", TICKET_URL, "subject", "Website is down");
    }

    static Map<String, Object> digest() {
        return Map.of(
                "periodStart", Instant.parse("2026-03-20T08:30:00Z"),
                "periodEnd", NOWRUZ_1405,
                "counts", Map.of("received", 1234, "redirected", 12, "ignored", 30, "quarantined", 1,
                        "sent", 80, "failed", 2, "bounced", 0),
                "rows", List.of(
                        row("redirected", "sara@example.net", "Re: [Ticket #123456] Website is down", TICKET,
                                TICKET_URL, "reply to a notification"),
                        row("quarantined", "x@example.org", "", "", "", "MIME nesting too deep")),
                "omittedRows", 3,
                "mailboxes", List.of(Map.of("name", "support@example.com", "state", "ok",
                        "lastPoll", Instant.parse("2026-03-21T08:29:00Z"))));
    }

    static Map<String, Object> row(String kind, String sender, String subject, String ticket, String ticketUrl,
                                   String detail) {
        return Map.of("time", Instant.parse("2026-03-20T10:15:00Z"), "kind", kind, "sender", sender,
                "subject", subject, "ticket", ticket, "ticketUrl", ticketUrl, "detail", detail);
    }
}
