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

    /**
     * {@link #fullVariables} with a Persian portal, customer, subject (digits and neutrals after Persian letters),
     * department, status and operator: what an English mail of a Persian-speaking customer carries.
     */
    /** Most Persian words with a suffix carry a zero-width non-joiner (U+200C). */
    static final String PERSIAN_SUBJECT_WITH_JOINERS = "پاسخ: پیام\u200Cهای من نمی\u200Cرسند (خطای 503)!";

    static Map<String, Object> persianValues(String template) {
        Map<String, Object> variables = fullVariables(template);
        variables.put("portalName", "هاست ایران");
        variables.put("recipientName", "محمد رضایی");
        variables.put("subject", "سایت من از دسترس خارج است (خطای 503)!");
        variables.put("originalSubject", PERSIAN_SUBJECT_WITH_JOINERS);
        variables.put("department", "پشتیبانی فنی");
        variables.put("status", "پاسخ داده شد");
        variables.put("operator", "علی");
        return variables;
    }

    /** {@link #fullVariables} with a Latin customer and subject: what a Persian mail may carry. */
    static Map<String, Object> latinValues(String template) {
        Map<String, Object> variables = fullVariables(template);
        variables.put("recipientName", "John Smith");
        variables.put("subject", "Website is down (error 503)!");
        variables.put("originalSubject", "Re: Website is down (error 503)!");
        variables.put("status", "Answered");
        return variables;
    }

    static Map<String, Object> ticket() {
        return Map.of("ticket", TICKET, "ticketUrl", TICKET_URL, "subject", "Website is down");
    }

    /** The digest's variables as the digest package gives them (config/templates/README.md). */
    static Map<String, Object> digest() {
        Map<String, Object> counts = new HashMap<>();
        for (String key : List.of("received", "redirected", "replies", "newRequests", "heldBack", "automatic",
                "quarantined", "queued", "sent", "deferred", "failed", "bounced", "hardBounced")) {
            counts.put(key, 0L);
        }
        counts.putAll(Map.of("received", 1234L, "redirected", 12L, "replies", 10L, "newRequests", 2L,
                "heldBack", 3L, "automatic", 30L, "quarantined", 1L, "sent", 80L, "failed", 2L, "bounced", 1L));
        Map<String, Object> variables = new HashMap<>();
        variables.put("digestName", "daily");
        variables.put("periodStart", Instant.parse("2026-03-20T08:30:00Z"));
        variables.put("periodEnd", NOWRUZ_1405);
        variables.put("quiet", false);
        variables.put("counts", counts);
        variables.put("replies", listing(13, item("sara@example.net", "Re: [Ticket #123456] Website is down", TICKET,
                TICKET_URL, "")));
        variables.put("newRequests", listing(2, item("new@example.org", "Need a VPS", "", "", "")));
        variables.put("heldBack", listing(3, item("sara@example.net", "Re: again", TICKET, TICKET_URL,
                "no-answer:rate-limit: answered before")));
        variables.put("quarantined", listing(1, item("", "", "", "", "MIME nesting too deep")));
        variables.put("failed", listing(2, item("gone@example.com", "", "111", "", "550 5.1.1 user unknown")));
        variables.put("hardBounces", listing(1, item("old@example.net", "", "222", "", "5.1.1")));
        variables.put("automaticByClass", List.of(Map.of("name", "auto-reply", "count", 30L)));
        variables.put("automaticByRule", List.of(Map.of("name", "auto-submitted", "count", 30L)));
        variables.put("mailboxes", List.of(mailbox("support@example.com", "failing", "connection refused")));
        variables.put("chart", Map.of("hourly", true, "rows", List.of(Map.of("start",
                Instant.parse("2026-03-20T09:00:00Z"), "total", 3L, "rest", 0, "textBar", "###",
                "counts", Map.of("redirected", 1L, "heldBack", 1L, "automatic", 1L, "quarantined", 0L),
                "bars", List.of(Map.of("outcome", "redirected", "count", 1L, "width", 50),
                        Map.of("outcome", "automatic", "count", 2L, "width", 50))))));
        return variables;
    }

    /** One list of the digest: its shown items and its total. */
    static Map<String, Object> listing(long total, Map<String, Object> item) {
        return Map.of("items", List.of(item), "total", total, "more", total - 1);
    }

    static Map<String, Object> item(String address, String subject, String ticket, String ticketUrl, String detail) {
        return Map.of("time", Instant.parse("2026-03-20T10:15:00Z"), "address", address, "subject", subject,
                "ticket", ticket, "ticketUrl", ticketUrl, "detail", detail);
    }

    static Map<String, Object> mailbox(String name, String state, String lastError) {
        return Map.of("name", name, "state", state, "lastSuccess", Instant.parse("2026-03-21T08:29:00Z"),
                "lastError", lastError, "failingSince", Instant.parse("2026-03-21T08:00:00Z"), "waiting", 1L,
                "idle", "no");
    }
}
