package dev.replygate.http;

import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.config.Secret;
import io.javalin.config.RoutesConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS rebinding against the open loopback server: a page whose name now resolves to 127.0.0.1 sends
 * its own name as {@code Host}. Raw sockets, so that the test, not a client, chooses the header.
 */
class ForeignHostIT {

    private static final String TOKEN = "portal-token-0123456789abcdefghijklm";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ATTACKER = "rebind.attacker.example";

    private static final HttpRoutes PAGE = new HttpRoutes() {
        @Override
        public void addTo(RoutesConfig routes) {
            routes.get("/secret", ctx -> ctx.result("customer data"))
                    .get("/api/v1/secret", ctx -> ctx.json(Map.of("secret", "customer data")))
                    .post("/secret", ctx -> ctx.result("retried"));
        }

        @Override
        public boolean answersInJson(String path) {
            return path.startsWith("/api/");
        }
    };

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(List<BearerToken> tokens) {
        server = HttpServer.start(new HttpServerConfig(true, "127.0.0.1", 0, tokens, Optional.empty()), List.of(PAGE));
    }

    /** The whole answer to {@code request}, sent as it is. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String get(String path, String host) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aRequestForAnotherHostIsRefusedOnAnOpenLoopbackServer() throws Exception {
        start(List.of());

        String answer = get("/secret", ATTACKER + ":" + server.port());

        assertThat(answer).startsWith("HTTP/1.1 421 ").doesNotContain("customer data")
                .contains("Content-Type: text/plain")
                .contains("Host `" + ATTACKER + ":" + server.port() + "` is not this server");
    }

    @Test
    void everyPathAndMethodIsRefusedForAnotherHostAndTheApiSaysSoInJson() throws Exception {
        start(List.of());

        assertThat(get("/no-such-page", ATTACKER)).startsWith("HTTP/1.1 421 ");
        assertThat(exchange("POST /secret HTTP/1.1\r\nHost: " + ATTACKER + "\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 421 ").doesNotContain("retried");
        assertThat(get("/api/v1/secret", ATTACKER)).startsWith("HTTP/1.1 421 ")
                .contains("application/problem+json").contains("\"status\":421").doesNotContain("customer data");
    }

    @Test
    void theRefusedHostIsShownAsPlainTextAndCut() throws Exception {
        start(List.of());
        // Jetty itself refuses a Host with < or " (400); these characters get past it
        String host = "a'b&c(d).example" + ".x".repeat(200);

        String answer = get("/secret", host);

        assertThat(answer).startsWith("HTTP/1.1 421 ").contains("Content-Type: text/plain")
                .contains("X-Content-Type-Options: nosniff").contains("Host `a'b&c(d).example.x.x")
                .doesNotContain(host).doesNotContain("customer data");
    }

    @Test
    void loopbackNamesAreLetIn() throws Exception {
        start(List.of());

        for (String host : List.of("127.0.0.1:" + server.port(), "localhost:" + server.port(),
                "[::1]:" + server.port(), "localhost", "localhost:8080")) {
            assertThat(get("/secret", host)).as(host).startsWith("HTTP/1.1 200 ").endsWith("customer data");
        }
    }

    @Test
    void anHttp10RequestWithoutHostIsLetInAsNoBrowserSendsOne() throws Exception {
        start(List.of());

        assertThat(exchange("GET /secret HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("customer data");
    }

    @Test
    void withCredentialsTheHostIsAProxysNameAndNotChecked() throws Exception {
        start(List.of(new BearerToken("portal", Secret.of(TOKEN))));

        assertThat(get("/secret", "replygate.example.com")).startsWith("HTTP/1.1 401 ");
        assertThat(exchange("GET /secret HTTP/1.1\r\nHost: replygate.example.com\r\nAuthorization: Bearer " + TOKEN
                + "\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("customer data");
    }
}
