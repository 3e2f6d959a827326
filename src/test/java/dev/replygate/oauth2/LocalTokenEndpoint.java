package dev.replygate.oauth2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An OAuth2 token endpoint on a free loopback port, as Google's and Microsoft's behave: a refresh
 * token grant for a known refresh token (rotated on each use), or the client credentials grant with
 * the right secret, issues {@code access-N} living {@code lifetimeSeconds}; anything else is
 * {@code invalid_grant}. Every issued token is handed to {@code onIssued} (the mail server accepts it).
 */
public final class LocalTokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final String clientSecret;
    private final long lifetimeSeconds;
    private final Consumer<String> onIssued;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private int issued;
    private int refusalStatus;
    private boolean revokeOnReuse;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private String refusal;

    public LocalTokenEndpoint(String refreshToken, String clientSecret, long lifetimeSeconds, Consumer<String> onIssued)
            throws IOException {
        this.refreshTokens.add(refreshToken);
        this.clientSecret = clientSecret;
        this.lifetimeSeconds = lifetimeSeconds;
        this.onIssued = onIssued;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::token);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Accepts {@code refreshToken} too, as if the user had just granted it. */
    public void grant(String refreshToken) {
        refreshTokens.add(refreshToken);
    }

    /** Refuses the next request with {@code error}, whatever it asks, and without using up its refresh token. */
    public synchronized void refuseNext(int status, String error) {
        refusalStatus = status;
        refusal = error;
    }

    /**
     * From now on behaves as Auth0 and Okta with reuse detection: a refresh token presented again after it
     * was rotated revokes every refresh token of the login.
     */
    public synchronized void revokeAllOnReuse() {
        revokeOnReuse = true;
    }

    /** The form fields of every request, oldest first. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private synchronized void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(form);
        if (refusal != null) {
            send(exchange, refusalStatus, "{\"error\":\"" + refusal + "\"}");
            refusal = null;
            return;
        }
        String presented = form.getOrDefault("refresh_token", "");
        if (revokeOnReuse && "refresh_token".equals(form.get("grant_type")) && !used.add(presented)) {
            refreshTokens.clear();
        }
        boolean granted = switch (form.getOrDefault("grant_type", "")) {
            case "refresh_token" -> refreshTokens.remove(presented);
            case "client_credentials" -> clientSecret.equals(form.get("client_secret"));
            default -> false;
        };
        if (!granted) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"the grant is expired or"
                    + " revoked\"}");
            return;
        }
        issued++;
        String access = "access-" + issued;
        String refresh = "refresh-" + issued;
        refreshTokens.add(refresh);
        onIssued.accept(access);
        send(exchange, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                + lifetimeSeconds + ",\"refresh_token\":\"" + refresh + "\"}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
