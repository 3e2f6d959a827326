package dev.replygate.http;

import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.HttpServerConfig.BasicAuth;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.text.HeaderText;
import dev.replygate.text.Shortened;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.security.BasicAuthCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Lets a request in when it shows one of the configured credentials (or when none are configured:
 * loopback only, as the config ensures, and only for a loopback {@code Host}, see {@link LoopbackHosts}),
 * and a request that changes something only with the CSRF token of its caller, unless a bearer token,
 * which a browser never sends by itself, let it in. Answers 401 with the challenges, 421 for another
 * host, or 403; never says which part of a credential was wrong.
 */
public final class AccessGuard {

    /** The form field, or header, that carries the CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CALLER = "replygate.caller";
    private static final String TOKEN = "replygate.token";
    private static final String ANONYMOUS = "anonymous";
    private static final String BEARER = "bearer ";
    private static final int SHOWN_HOST = 100;
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final Logger log = LoggerFactory.getLogger(AccessGuard.class);

    private final HttpServerConfig config;
    private final LoopbackHosts loopbackHosts;
    private final Refusals refusals;
    private final CsrfTokens csrf = new CsrfTokens();

    AccessGuard(HttpServerConfig config, Refusals refusals) {
        this.config = config;
        this.loopbackHosts = new LoopbackHosts(config.bindAddress());
        this.refusals = refusals;
    }

    /** Who made the request: a token's name, the basic-auth user, or {@code anonymous} on an open server. */
    public static String caller(Context ctx) {
        String caller = ctx.attribute(CALLER);
        return caller == null ? ANONYMOUS : caller;
    }

    /** The configured bearer token the request showed, when it showed one. */
    public static Optional<BearerToken> token(Context ctx) {
        return Optional.ofNullable(ctx.attribute(TOKEN));
    }

    /** The CSRF token a page puts in its forms (field {@value #CSRF_FIELD}) for this request's caller. */
    public static String csrfToken(Context ctx) {
        String token = ctx.attribute(CSRF_FIELD);
        if (token == null) {
            throw new IllegalStateException("the access guard did not see this request");
        }
        return token;
    }

    /** Runs before every request; ends it with 401, 421 or 403 when it may not go on. */
    void check(Context ctx) {
        if (!config.requiresCredentials() && !loopbackHosts.accepts(ctx.header("Host"))) {
            refuseHost(ctx);
            return;
        }
        Optional<Caller> caller = config.requiresCredentials() ? authenticate(ctx)
                : Optional.of(new Caller(ANONYMOUS, Optional.empty()));
        if (caller.isEmpty()) {
            log.info("HTTP {} {} from {}: no valid credentials (401)", ctx.method(), ctx.path(), ctx.ip());
            challenge(ctx);
            refusals.refuse(ctx, HttpStatus.UNAUTHORIZED, "credentials needed");
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(CALLER, caller.get().name());
        caller.get().token().ifPresent(token -> ctx.attribute(TOKEN, token));
        ctx.attribute(CSRF_FIELD, csrf.tokenFor(caller.get().name()));
        if (!SAFE.contains(ctx.method()) && caller.get().token().isEmpty() && !hasCsrfToken(ctx, caller.get().name())) {
            log.info("HTTP {} {} from {} ({}): no valid CSRF token (403)", ctx.method(), ctx.path(), ctx.ip(),
                    caller.get().name());
            refusals.refuse(ctx, HttpStatus.FORBIDDEN, "the form's CSRF token is missing or wrong;"
                    + " load the page again");
            ctx.skipRemainingHandlers();
        }
    }

    /**
     * A page whose name was rebound to loopback would read the open server as its own origin; the
     * refused name is shown cleaned and cut, as plain text or JSON, never as HTML.
     */
    private void refuseHost(Context ctx) {
        String host = Shortened.to(HeaderText.forHeader(ctx.header("Host")), SHOWN_HOST);
        log.info("HTTP {} {} from {}: Host `{}` is not a loopback name of this server (421)", ctx.method(),
                ctx.path(), ctx.ip(), host);
        refusals.refuse(ctx, HttpStatus.MISDIRECTED_REQUEST, "Host `" + host + "` is not this server; without"
                + " credentials it answers only for localhost, 127.x.x.x or [::1] (with any port)");
        ctx.skipRemainingHandlers();
    }

    private boolean hasCsrfToken(Context ctx, String caller) {
        String presented = ctx.header(CSRF_HEADER);
        if (presented == null && isForm(ctx)) {
            presented = ctx.formParam(CSRF_FIELD);
        }
        return csrf.isValid(caller, presented);
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private Optional<Caller> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return bearer(authorization.substring(BEARER.length()).strip());
        }
        return basic(ctx);
    }

    /** Compares with every token, so the time taken does not tell which one nearly matched. */
    private Optional<Caller> bearer(String presented) {
        Optional<Caller> found = Optional.empty();
        for (BearerToken token : config.tokens()) {
            if (SecretComparison.matches(presented, token.token().reveal()) && found.isEmpty()) {
                found = Optional.of(new Caller("token " + token.name(), Optional.of(token)));
            }
        }
        return found;
    }

    private Optional<Caller> basic(Context ctx) {
        if (config.basicAuth().isEmpty()) {
            return Optional.empty();
        }
        BasicAuthCredentials presented;
        try {
            presented = ctx.basicAuthCredentials();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (presented == null) {
            return Optional.empty();
        }
        BasicAuth auth = config.basicAuth().get();
        boolean user = SecretComparison.matches(presented.getUsername(), auth.username());
        boolean password = SecretComparison.matches(presented.getPassword(), auth.password().reveal());
        return user && password ? Optional.of(new Caller(auth.username(), Optional.empty())) : Optional.empty();
    }

    /** The schemes this server takes, as challenges in one header field (RFC 9110 §11.6.1). */
    private void challenge(Context ctx) {
        List<String> challenges = new ArrayList<>();
        if (!config.tokens().isEmpty()) {
            challenges.add("Bearer realm=\"replygate\"");
        }
        if (config.basicAuth().isPresent()) {
            challenges.add("Basic realm=\"replygate\", charset=\"UTF-8\"");
        }
        ctx.header("WWW-Authenticate", String.join(", ", challenges));
    }

    private record Caller(String name, Optional<BearerToken> token) {
    }
}
