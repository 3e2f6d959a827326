package dev.replygate.status;

import dev.replygate.config.MailboxConfig;
import dev.replygate.http.AccessGuard;
import dev.replygate.http.HttpRoutes;
import dev.replygate.inbound.Decisions;
import dev.replygate.inbound.InboundRecord;
import dev.replygate.mailbox.MailboxState;
import dev.replygate.mailbox.MailboxStates;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxDepth;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxState;
import dev.replygate.schedule.StageScheduler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operators' status pages: {@code /} (mailboxes, outbox, scheduled jobs), {@code /decisions}
 * (newest first, paged, searched; {@code /decisions/ID} one record with every reason and its answer's
 * delivery) and {@code /outbox} (items by state; a failed one retried with a POST that carries the
 * CSRF token). Server-rendered, readable without JavaScript; {@code ?lang=fa} for Persian.
 */
public final class StatusRoutes implements HttpRoutes {

    static final int PAGE_SIZE = 50;
    private static final int OUTBOX_LISTED = 100;
    private static final int MAX_PAGE = 10_000;
    private static final int MAX_TERM = 500;
    private static final String HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    private static final Logger log = LoggerFactory.getLogger(StatusRoutes.class);

    private final List<MailboxConfig> mailboxes;
    private final MailboxStates states;
    private final Decisions decisions;
    private final Outbox outbox;
    private final Supplier<List<StageScheduler.Stage>> stages;
    private final String defaultLanguage;
    private final ZoneId zone;
    private final Clock clock;
    private final StatusPages pages;

    /**
     * {@code states}: how every node's polls of each mailbox went, as the store keeps them; the page shows a
     * mailbox as the node that read it last left it, whichever node serves the page.
     */
    public StatusRoutes(List<MailboxConfig> mailboxes, MailboxStates states, Decisions decisions,
                        Outbox outbox, Supplier<List<StageScheduler.Stage>> stages, String defaultLocale, ZoneId zone,
                        Clock clock) {
        this.mailboxes = List.copyOf(mailboxes);
        this.states = states;
        this.decisions = decisions;
        this.outbox = outbox;
        this.stages = stages;
        this.defaultLanguage = StatusPages.LANGUAGES.contains(defaultLocale) ? defaultLocale : "en";
        this.zone = zone;
        this.clock = clock;
        this.pages = new StatusPages(zone);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", this::overview);
        routes.get("/decisions", this::decisionList);
        routes.get("/decisions/{id}", this::decision);
        routes.get("/outbox", this::outboxList);
        routes.post("/outbox/{id}/retry", this::retry);
    }

    private void overview(Context ctx) {
        Map<String, Map<String, Long>> today = decisions.countsSince(
                LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant());
        Map<String, MailboxState> known = new HashMap<>();
        states.all().forEach(state -> known.put(state.mailbox(), state));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MailboxConfig mailbox : mailboxes) {
            MailboxState state = known.getOrDefault(mailbox.name(), new MailboxState(mailbox.name(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            Map<String, Object> row = new HashMap<>();
            row.put("name", mailbox.name());
            row.put("protocol", mailbox.protocol().name().toLowerCase(Locale.ROOT));
            row.put("state", state.health().key());
            row.put("lastSuccess", state.lastSuccess().orElse(null));
            row.put("lastFailure", state.lastFailure().orElse(null));
            row.put("lastError", state.lastError().orElse(""));
            row.put("node", state.node().orElse(""));
            Map<String, Long> counts = today.getOrDefault(mailbox.name(), Map.of());
            row.put("redirected", counts.getOrDefault("redirect", 0L));
            row.put("ignored", counts.getOrDefault("ignore", 0L));
            row.put("quarantined", counts.getOrDefault("quarantine", 0L));
            rows.add(row);
        }
        OutboxDepth depth = outbox.depth();
        Map<String, Object> model = new HashMap<>();
        model.put("mailboxes", rows);
        model.put("queued", depth.byState().get(OutboxState.QUEUED));
        model.put("sending", depth.byState().get(OutboxState.SENDING));
        model.put("failed", depth.byState().get(OutboxState.FAILED));
        model.put("oldestWaiting", depth.oldestWaiting().orElse(null));
        model.put("stages", stages.get());
        html(ctx, "overview", model);
    }

    private void decisionList(Context ctx) {
        String term = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).orElse("");
        if (term.length() > MAX_TERM) {
            term = term.substring(0, MAX_TERM);
        }
        int page = pageNumber(ctx.queryParam("page"));
        List<InboundRecord> found = decisions.search(term, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        Map<String, Object> model = new HashMap<>();
        model.put("q", term);
        model.put("page", page);
        model.put("records", found.subList(0, Math.min(PAGE_SIZE, found.size())));
        model.put("hasOlder", found.size() > PAGE_SIZE);
        html(ctx, "decisions", model);
    }

    private void decision(Context ctx) {
        Optional<InboundRecord> record = id(ctx).flatMap(decisions::find);
        if (record.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            html(ctx, "not-found", Map.of());
            return;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("record", record.get());
        model.put("reasons", reasons(record.get().reasons()));
        model.put("answer", Optional.ofNullable(record.get().answerOutboxId()).flatMap(outbox::find).orElse(null));
        html(ctx, "decision", model);
    }

    private void outboxList(Context ctx) {
        OutboxState state = stateParam(ctx.queryParam("state"));
        Map<String, Object> model = new HashMap<>();
        model.put("state", state.name().toLowerCase(Locale.ROOT));
        model.put("states", List.of("queued", "sending", "failed", "sent"));
        model.put("items", outbox.list(state, OUTBOX_LISTED));
        model.put("csrf", AccessGuard.csrfToken(ctx));
        html(ctx, "outbox", model);
    }

    private void retry(Context ctx) {
        Optional<Long> id = id(ctx);
        boolean retried = id.isPresent() && outbox.retry(id.get());
        if (retried) {
            log.info("outbox#{} queued again from the status page by {}", id.get(), AccessGuard.caller(ctx));
        }
        ctx.redirect("/outbox?state=" + (retried ? "queued" : "failed") + "&lang=" + language(ctx),
                HttpStatus.SEE_OTHER);
    }

    private void html(Context ctx, String page, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("path", ctx.path());
        full.put("section", page.startsWith("decision") ? "decisions" : page);
        ctx.header("Content-Security-Policy", HTML_POLICY);
        ctx.html(pages.render(page, language(ctx), full));
    }

    private String language(Context ctx) {
        String asked = ctx.queryParam("lang");
        return asked != null && StatusPages.LANGUAGES.contains(asked) ? asked : defaultLanguage;
    }

    /** {@code rule: value} lines as pairs; a weak signal keeps its {@code weak } prefix in the rule. */
    private static List<Map<String, String>> reasons(String lines) {
        List<Map<String, String>> reasons = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            reasons.add(colon < 0 ? Map.of("rule", line, "value", "")
                    : Map.of("rule", line.substring(0, colon), "value", line.substring(colon + 2)));
        }
        return reasons;
    }

    private static Optional<Long> id(Context ctx) {
        try {
            return Optional.of(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int pageNumber(String text) {
        try {
            int page = text == null ? 1 : Integer.parseInt(text);
            return Math.max(1, Math.min(MAX_PAGE, page));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static OutboxState stateParam(String text) {
        for (OutboxState state : OutboxState.values()) {
            if (state.name().equalsIgnoreCase(text)) {
                return state;
            }
        }
        return OutboxState.FAILED;
    }
}
