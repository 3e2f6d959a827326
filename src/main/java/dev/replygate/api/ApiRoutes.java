package dev.replygate.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.http.AccessGuard;
import dev.replygate.http.HttpRoutes;
import dev.replygate.http.HttpServer;
import dev.replygate.http.Refusals;
import dev.replygate.inbound.Decisions;
import dev.replygate.inbound.InboundRecord;
import dev.replygate.notify.IdempotencyKeyReusedException;
import dev.replygate.notify.InvalidNotificationException;
import dev.replygate.notify.NotificationService;
import dev.replygate.notify.Notifications;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.signing.TicketIds;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's API under {@value #BASE}: {@code POST /notifications} queues a notification through
 * the same {@link NotificationService} as {@code replygate notify}, {@code GET /notifications/{id}}
 * follows it, {@code GET /decisions} tells what happened to mail about a ticket or from a sender.
 * Callers show one of the server's bearer tokens, never the operators' login (the API is for
 * programs), each within its own rate limit; every refusal is an RFC 9457 problem document.
 */
public final class ApiRoutes implements HttpRoutes {

    public static final String BASE = "/api/v1";
    static final String OPENAPI_RESOURCE = "/api/openapi.json";
    static final int DEFAULT_DECISIONS = 100;
    static final int MAX_DECISIONS = 500;
    private static final int MAX_SENDER = 320;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);

    /** One route of the API: what openapi.json must describe. */
    public record Route(HandlerType method, String path) {
    }

    private record BoundRoute(Route route, Handler handler) {
    }

    private final NotificationService notificationService;
    private final Outbox outbox;
    private final Notifications notifications;
    private final Decisions decisions;
    private final RequestRateLimiter rateLimiter = new RequestRateLimiter(System::nanoTime);
    private final List<BoundRoute> routes = List.of(
            new BoundRoute(new Route(HandlerType.POST, BASE + "/notifications"), this::queue),
            new BoundRoute(new Route(HandlerType.GET, BASE + "/notifications/{id}"), this::notification),
            new BoundRoute(new Route(HandlerType.GET, BASE + "/decisions"), this::decisionList),
            new BoundRoute(new Route(HandlerType.GET, BASE + "/openapi.json"), ApiRoutes::openApi));

    public ApiRoutes(NotificationService notificationService, Outbox outbox, Notifications notifications,
                     Decisions decisions) {
        this.notificationService = notificationService;
        this.outbox = outbox;
        this.notifications = notifications;
        this.decisions = decisions;
    }

    /** Every route this feature serves. */
    public List<Route> routes() {
        return routes.stream().map(BoundRoute::route).toList();
    }

    @Override
    public void addTo(RoutesConfig config) {
        for (BoundRoute route : routes) {
            config.addHttpHandler(route.route().method(), route.route().path(), ctx -> serve(ctx, route.handler()));
        }
        config.error(HttpStatus.NOT_FOUND, ctx -> {
            if (answersInJson(ctx.path()) && !Refusals.answered(ctx)) {
                Refusals.problem(ctx, HttpStatus.NOT_FOUND, "no " + ctx.method() + " " + ctx.path()
                        + "; see " + BASE + "/openapi.json", Map.of());
            }
        });
    }

    @Override
    public boolean answersInJson(String path) {
        return path.equals(BASE) || path.startsWith(BASE + "/");
    }

    private void serve(Context ctx, Handler handler) throws Exception {
        String caller = AccessGuard.caller(ctx);
        try {
            BearerToken token = AccessGuard.token(ctx).orElseThrow(() -> {
                ctx.header("WWW-Authenticate", "Bearer realm=\"replygate\"");
                return new ApiProblem(HttpStatus.UNAUTHORIZED, null, "the API takes one of http.tokens"
                        + " (Authorization: Bearer …), not a login");
            });
            int perMinute = token.requestsPerMinute();
            Optional<Duration> wait = rateLimiter.take(token.name(), perMinute);
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                ctx.header("Retry-After", Long.toString(seconds));
                throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, null, "more than " + perMinute
                        + " requests a minute; try again in " + seconds + " s");
            }
            handler.handle(ctx);
        } catch (ApiProblem problem) {
            refuse(ctx, caller, problem.status(), problem.field(), problem.getMessage());
        } catch (IdempotencyKeyReusedException e) {
            refuse(ctx, caller, HttpStatus.CONFLICT, e.field().orElse(null), e.getMessage());
        } catch (InvalidNotificationException e) {
            refuse(ctx, caller, HttpStatus.BAD_REQUEST, e.field().orElse(null), e.getMessage());
        }
    }

    private static void refuse(Context ctx, String caller, HttpStatus status, String field, String detail) {
        log.info("API {} {} by {}: {} {}", ctx.method(), ctx.path(), caller, status.getCode(), detail);
        Refusals.problem(ctx, status, detail, field == null ? Map.of() : Map.of("field", field));
    }

    private void queue(Context ctx) {
        requireJsonBody(ctx);
        QueuedNotification queued = notificationService.queue(NotificationBody.parse(Utf8Body.decode(body(ctx))));
        String self = BASE + "/notifications/" + queued.outboxId();
        ctx.header("Location", self);
        log.info("API POST {} by {}: outbox#{} {}", ctx.path(), AccessGuard.caller(ctx), queued.outboxId(),
                queued.created() ? "queued" : "already queued under its idempotency key");
        json(ctx, queued.created() ? HttpStatus.ACCEPTED : HttpStatus.OK, Representations.queued(queued, self));
    }

    private void notification(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[0-9]{1,18}")) {
            throw ApiProblem.badField("id", "id must be the number POST " + BASE + "/notifications answered");
        }
        OutboxItem item = outbox.find(Long.parseLong(id)).filter(found -> found.kind() == OutboxKind.NOTIFICATION)
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "id", "no notification " + id));
        json(ctx, HttpStatus.OK, Representations.notification(item, notifications.findByMessageId(item.messageId()),
                notifications.bounceOf(item.messageId())));
    }

    private void decisionList(Context ctx) {
        String ticket = ctx.queryParam("ticket");
        if (ticket != null && !TicketIds.isValid(ticket)) {
            throw ApiProblem.badField("ticket", "ticket must be 1 to 64 letters, digits, '_' or '-'");
        }
        String sender = ctx.queryParam("sender");
        if (sender != null && (sender.isBlank() || sender.length() > MAX_SENDER)) {
            throw ApiProblem.badField("sender", "sender must be an address of 1 to " + MAX_SENDER + " characters");
        }
        Instant since = since(ctx.queryParam("since"));
        int limit = limit(ctx.queryParam("limit"));
        List<Map<String, Object>> found = decisions.about(ticket, sender == null ? null : sender.strip(), since, limit)
                .stream()
                .map(record -> Representations.decision(record, answerOf(record)))
                .toList();
        json(ctx, HttpStatus.OK, Map.of("decisions", found));
    }

    private Optional<OutboxItem> answerOf(InboundRecord record) {
        return Optional.ofNullable(record.answerOutboxId()).flatMap(outbox::find);
    }

    private static Instant since(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badField("since", "since must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_DECISIONS;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_DECISIONS) {
            throw ApiProblem.badField("limit", "limit must be a number from 1 to " + MAX_DECISIONS);
        }
        return Integer.parseInt(text);
    }

    private static void openApi(Context ctx) throws IOException {
        try (InputStream document = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (document == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the build");
            }
            ctx.status(HttpStatus.OK).contentType("application/json").result(document.readAllBytes());
        }
    }

    /**
     * Only JSON in UTF-8 (RFC 8259 §8.1): anything else is 415, before the body is read. What the body's bytes are
     * is {@link Utf8Body}'s to check.
     */
    private static void requireJsonBody(Context ctx) {
        String type = ctx.contentType();
        String[] parts = type == null ? new String[] {""} : type.split(";");
        boolean json = parts[0].strip().equalsIgnoreCase("application/json");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            parameters.put(pair[0].strip().toLowerCase(Locale.ROOT), pair.length < 2 ? "" : pair[1].strip()
                    .replace("\"", ""));
        }
        String charset = parameters.getOrDefault("charset", "utf-8");
        if (!json || !charset.equalsIgnoreCase("utf-8")) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "the body must be application/json"
                    + " in UTF-8, not " + (type == null ? "without a Content-Type" : "`" + type + "`"));
        }
    }

    /** The body, at most {@link HttpServer#MAX_REQUEST_BYTES}: one sent without a length is cut there by Javalin. */
    private static byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
                throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, null, "the body is larger than "
                        + HttpServer.MAX_REQUEST_BYTES + " bytes");
            }
            throw e;
        }
    }

    private static void json(Context ctx, HttpStatus status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
