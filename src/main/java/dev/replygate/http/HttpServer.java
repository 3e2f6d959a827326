package dev.replygate.http;

import dev.replygate.config.HttpServerConfig;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded HTTP server (Javalin on Jetty): every feature's {@link HttpRoutes} behind one
 * {@link AccessGuard}. Small and bounded: a few threads, small requests, no server version, no
 * caching of answers, and an error's details only in the log.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final int MAX_THREADS = 8;
    private static final int MIN_THREADS = 2;
    /** The largest request body: a bigger one is answered 413 (Content Too Large). */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final Javalin app;
    private final String address;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private HttpServer(Javalin app, String address) {
        this.app = app;
        this.address = address;
    }

    /**
     * Starts listening at {@code config}'s address and port (0: a free port, for tests).
     *
     * @throws IllegalStateException when it cannot listen there (the port is taken, the address is not ours)
     */
    public static HttpServer start(HttpServerConfig config, List<HttpRoutes> features) {
        Refusals refusals = new Refusals(features);
        AccessGuard guard = new AccessGuard(config, refusals);
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.startup.startupWatcherEnabled = false;
            javalin.jetty.host = config.bindAddress();
            javalin.jetty.port = config.port();
            QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            threads.setName("http");
            threads.setDaemon(true);
            javalin.jetty.threadPool = threads;
            javalin.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                // Jetty's header cache matches values ignoring case, so a token differing from an earlier
                // request's only in case would reach us as that one.
                http.setHeaderCacheCaseSensitive(true);
            });
            javalin.http.maxRequestSize = MAX_REQUEST_BYTES;
            javalin.routes.before(ctx -> {
                ctx.header("Cache-Control", "no-store");
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
                if (ctx.contentLength() > MAX_REQUEST_BYTES) {
                    // a body sent without its length is cut at the same size when a route reads it
                    refusals.refuse(ctx, HttpStatus.CONTENT_TOO_LARGE, "at most " + MAX_REQUEST_BYTES + " bytes");
                    ctx.skipRemainingHandlers();
                    return;
                }
                guard.check(ctx);
            });
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                log.error("HTTP {} {} failed", ctx.method(), ctx.path(), e);
                refusals.refuse(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "see the log");
            });
            features.forEach(feature -> feature.addTo(javalin.routes));
        });
        String where = hostForUrl(config.bindAddress()) + ":" + config.port();
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("cannot listen on " + where + " (http.bind-address, http.port): "
                    + rootMessage(e), e);
        }
        String address = "http://" + hostForUrl(config.bindAddress()) + ":" + app.port() + "/";
        log.info("HTTP server listening on {} ({})", address,
                config.requiresCredentials() ? "credentials required" : "loopback, no credentials");
        return new HttpServer(app, address);
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Its base URL, such as {@code http://127.0.0.1:9425/}. */
    public String address() {
        return address;
    }

    /** Stops accepting requests and lets running ones finish. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        app.stop();
        log.info("HTTP server stopped");
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
