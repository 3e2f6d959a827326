package dev.replygate.http;

import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.HttpServerConfig.BasicAuth;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded server as an attacker meets it, on 127.0.0.1 at a free port with a real client:
 * no credentials, a wrong or nearly right token, a wrong password, a forged POST without the
 * CSRF token; and a feature's routes served to the right caller.
 */
class HttpServerIT {

    private static final String TOKEN = "metrics-token-0123456789abcdefghij";
    private static final String PASSWORD = "status-password-0123456789abcdefgh";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private HttpServer server;

    /** A feature with one page that shows a form, and the POST that form sends. */
    private static final HttpRoutes FEATURE = routes -> routes
            .get("/page", ctx -> ctx.html("<form method=post><input type=hidden name=\"csrf\" value=\""
                    + AccessGuard.csrfToken(ctx) + "\"></form> for " + AccessGuard.caller(ctx)))
            .post("/retry", ctx -> ctx.result("retried by " + AccessGuard.caller(ctx)));

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(List<BearerToken> tokens, Optional<BasicAuth> basicAuth) {
        server = HttpServer.start(new HttpServerConfig(true, "127.0.0.1", 0, tokens, basicAuth), List.of(FEATURE));
    }

    private void startWithCredentials() {
        start(List.of(new BearerToken("prometheus", Secret.of(TOKEN))),
                Optional.of(new BasicAuth("operator", Secret.of(PASSWORD))));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.address()).resolve(path)).GET();
    }

    private HttpRequest.Builder postForm(String path, String form) {
        return HttpRequest.newBuilder(URI.create(server.address()).resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsEveryPathIs401WithBothChallenges() throws Exception {
        startWithCredentials();

        for (String path : List.of("/page", "/no-such-page", "/metrics")) {
            HttpResponse<String> response = send(get(path));
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(
                    "Bearer realm=\"replygate\", Basic realm=\"replygate\", charset=\"UTF-8\"");
            assertThat(response.body()).doesNotContain("operator", "prometheus");
        }
    }

    @Test
    void aWrongTokenIs401AndTheRightOneIsLetIn() throws Exception {
        startWithCredentials();

        for (String wrong : List.of("wrong", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", TOKEN.toUpperCase(),
                "", PASSWORD)) {
            assertThat(send(get("/page").header("Authorization", "Bearer " + wrong)).statusCode())
                    .as("token '%s'", wrong).isEqualTo(401);
        }
        HttpResponse<String> right = send(get("/page").header("Authorization", "bearer " + TOKEN));
        assertThat(right.statusCode()).as("the scheme in lower case, after the token in upper case").isEqualTo(200);
        assertThat(right.body()).endsWith("for token prometheus");
        assertThat(right.headers().firstValue("Server")).as("no server version").isEmpty();
        assertThat(right.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void basicAuthNeedsTheUserAndThePassword() throws Exception {
        startWithCredentials();

        assertThat(send(get("/page").header("Authorization", basic("operator", "wrong"))).statusCode()).isEqualTo(401);
        assertThat(send(get("/page").header("Authorization", basic("root", PASSWORD))).statusCode()).isEqualTo(401);
        assertThat(send(get("/page").header("Authorization", basic("prometheus", TOKEN))).statusCode()).isEqualTo(401);
        assertThat(send(get("/page").header("Authorization", "Basic %%%not-base64")).statusCode()).isEqualTo(401);
        assertThat(send(get("/page").header("Authorization", basic("operator", PASSWORD))).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserPostWithoutTheCsrfTokenIs403AndWithItGoesThrough() throws Exception {
        startWithCredentials();
        String login = basic("operator", PASSWORD);
        HttpResponse<String> page = send(get("/page").header("Authorization", login));
        Matcher form = FORM_TOKEN.matcher(page.body());
        assertThat(form.find()).as(page.body()).isTrue();
        String csrf = form.group(1);

        assertThat(send(postForm("/retry", "id=1")).statusCode()).as("no login").isEqualTo(401);
        assertThat(send(postForm("/retry", "id=1").header("Authorization", login)).statusCode())
                .as("no token").isEqualTo(403);
        assertThat(send(postForm("/retry", "id=1&csrf=" + csrf.substring(1)).header("Authorization", login))
                .statusCode()).as("a wrong token").isEqualTo(403);
        HttpResponse<String> retried = send(postForm("/retry", "id=1&csrf=" + csrf).header("Authorization", login));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo("retried by operator");
    }

    @Test
    void aBearerTokenNeedsNoCsrfTokenBecauseNoBrowserSendsItByItself() throws Exception {
        startWithCredentials();

        HttpResponse<String> response = send(postForm("/retry", "id=1").header("Authorization", "Bearer " + TOKEN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("retried by token prometheus");
    }

    @Test
    void onLoopbackWithoutCredentialsPagesAreOpenButAPostStillNeedsTheCsrfToken() throws Exception {
        start(List.of(), Optional.empty());

        HttpResponse<String> page = send(get("/page"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(send(postForm("/retry", "id=1")).statusCode()).isEqualTo(403);
        Matcher form = FORM_TOKEN.matcher(page.body());
        assertThat(form.find()).isTrue();
        assertThat(send(postForm("/retry", "csrf=" + form.group(1))).statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedRequestIsRefused() throws Exception {
        startWithCredentials();
        URI address = URI.create(server.address());
        String body = "x=" + "a".repeat(200_000);

        // a socket of its own: the server answers before it has read the body and closes, and an HTTP client
        // still writing that body may see only its broken pipe, not the answer
        try (Socket socket = new Socket(address.getHost(), address.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /retry HTTP/1.1\r\nHost: " + address.getAuthority() + "\r\nAuthorization: Bearer "
                    + TOKEN + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body.substring(0, 1_000)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413 ");
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        start(List.of(), Optional.empty());
        int taken = server.port();

        assertThatThrownBy(() -> HttpServer.start(new HttpServerConfig(true, "127.0.0.1", taken, List.of(),
                Optional.empty()), List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + taken).hasMessageContaining("http.port");
    }
}
