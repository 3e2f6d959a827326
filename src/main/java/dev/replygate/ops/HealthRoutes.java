package dev.replygate.ops;

import dev.replygate.http.HttpRoutes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;

import java.util.List;

/**
 * {@code GET /healthz}: 200 while the process serves requests. {@code GET /readyz}: 200 when every
 * {@link Readiness} check passes, else 503 with one line per failed check.
 */
public final class HealthRoutes implements HttpRoutes {

    private final Readiness readiness;

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/healthz", ctx -> ctx.contentType("text/plain; charset=utf-8").result("ok\n"));
        routes.get("/readyz", ctx -> {
            List<String> failures = readiness.failures();
            ctx.contentType("text/plain; charset=utf-8");
            if (failures.isEmpty()) {
                ctx.result("ready\n");
            } else {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("not ready\n" + String.join("\n", failures) + "\n");
            }
        });
    }
}
