package dev.replygate.digest;

import dev.replygate.config.PortalConfig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code digest} templates' variables (config/templates/README.md lists them) from a digest's
 * contents. Every variable is always given, empty rather than null, so a template never meets a gap.
 */
final class DigestVariables {

    /** The text part's bars: the busiest row gets this many characters. */
    private static final int TEXT_BAR_WIDTH = 30;
    private static final String TEXT_BAR = "#";

    private DigestVariables() {
    }

    static Map<String, Object> of(String digestName, DigestContents contents, PortalConfig portal) {
        InboundTally inbound = contents.inbound();
        NotificationTally notifications = contents.notifications();
        Map<String, Object> variables = new HashMap<>();
        variables.put("portalName", portal.name());
        variables.put("clientAreaUrl", portal.clientAreaUrl());
        variables.put("digestName", digestName);
        variables.put("periodStart", contents.period().start());
        variables.put("periodEnd", contents.period().end());
        variables.put("quiet", contents.quiet());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("received", inbound.received());
        counts.put("redirected", inbound.replies().total() + inbound.newRequests().total());
        counts.put("replies", inbound.replies().total());
        counts.put("newRequests", inbound.newRequests().total());
        counts.put("heldBack", inbound.heldBack().total());
        counts.put("automatic", inbound.automatic());
        counts.put("quarantined", inbound.quarantined().total());
        counts.put("queued", notifications.queued());
        counts.put("sent", notifications.sent());
        counts.put("deferred", notifications.deferred());
        counts.put("failed", notifications.failed().total());
        counts.put("bounced", notifications.bounced());
        counts.put("hardBounced", notifications.hardBounced().total());
        variables.put("counts", counts);
        variables.put("replies", listing(inbound.replies(), portal));
        variables.put("newRequests", listing(inbound.newRequests(), portal));
        variables.put("heldBack", listing(inbound.heldBack(), portal));
        variables.put("quarantined", listing(inbound.quarantined(), portal));
        variables.put("failed", listing(notifications.failed(), portal));
        variables.put("hardBounces", listing(notifications.hardBounced(), portal));
        variables.put("automaticByClass", ranked(inbound.automaticByClass()));
        variables.put("automaticByRule", ranked(inbound.automaticByRule()));
        variables.put("mailboxes", contents.mailboxes().stream().map(DigestVariables::mailbox).toList());
        variables.put("chart", chart(inbound.chart()));
        return variables;
    }

    private static Map<String, Object> listing(CappedList list, PortalConfig portal) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (DigestItem item : list.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("time", item.time());
            row.put("address", item.address());
            row.put("subject", item.subject());
            row.put("ticket", item.ticket());
            row.put("ticketUrl", item.ticket().isEmpty() ? "" : portal.adminTicketUrlFor(item.ticket()).orElse(""));
            row.put("detail", item.detail());
            items.add(row);
        }
        return Map.of("items", items, "total", list.total(), "more", list.total() - items.size());
    }

    /** {@code name} and {@code count} pairs, the largest count first. */
    private static List<Map<String, Object>> ranked(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> Map.<String, Object>of("name", entry.getKey(), "count", entry.getValue()))
                .toList();
    }

    private static Map<String, Object> mailbox(MailboxState mailbox) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", mailbox.name());
        row.put("state", mailbox.state());
        row.put("lastSuccess", mailbox.lastSuccess() == null ? "" : mailbox.lastSuccess());
        row.put("lastError", mailbox.lastError());
        row.put("failingSince", mailbox.failingSince() == null ? "" : mailbox.failingSince());
        row.put("waiting", mailbox.waiting());
        row.put("idle", mailbox.idle());
        return row;
    }

    private static Map<String, Object> chart(MailChart chart) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MailChart.Row row : chart.rows()) {
            Map<String, Object> counts = new HashMap<>();
            for (MailOutcome outcome : MailOutcome.values()) {
                counts.put(outcome.key(), row.counts().getOrDefault(outcome, 0L));
            }
            rows.add(Map.of("start", row.start(), "total", row.total(), "counts", counts, "rest", row.rest(),
                    "textBar", TEXT_BAR.repeat(Math.round((100 - row.rest()) * TEXT_BAR_WIDTH / 100f)),
                    "bars", row.bars().stream().map(bar -> Map.<String, Object>of("outcome", bar.outcome().key(),
                            "count", bar.count(), "width", bar.width())).toList()));
        }
        return Map.of("hourly", chart.hourly(), "rows", rows);
    }
}
