package dev.replygate.ops;

import dev.replygate.http.HttpRoutes;
import dev.replygate.metrics.Meters;
import dev.replygate.outbound.Outbox;
import dev.replygate.outbound.OutboxDepth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code GET /metrics}: every meter in the Prometheus text format, the outbox looked at for each scrape. */
public final class MetricsRoutes implements HttpRoutes {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger log = LoggerFactory.getLogger(MetricsRoutes.class);

    private final Meters meters;
    private final Outbox outbox;
    private final Clock clock;

    public MetricsRoutes(Meters meters, Outbox outbox, Clock clock) {
        this.meters = meters;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        lookAtOutbox();
        ctx.contentType(PROMETHEUS_TEXT).result(meters.scrape());
    }

    private void lookAtOutbox() {
        try {
            OutboxDepth depth = outbox.depth();
            Map<String, Long> byState = new TreeMap<>();
            depth.byState().forEach((state, count) -> byState.put(state.name().toLowerCase(Locale.ROOT), count));
            meters.outbox(byState, depth.oldestWaiting().map(at -> Duration.between(at, clock.instant())));
        } catch (RuntimeException e) {
            log.warn("metrics: cannot read the outbox: {}", e.getMessage());
            meters.outbox(Map.of(), Optional.empty());
        }
    }
}
