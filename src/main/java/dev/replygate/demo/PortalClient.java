package dev.replygate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replygate.text.Shortened;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Calls the API as a portal would, printing each request and the status it got. */
final class PortalClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int SHOWN_BODY = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final URI api;
    private final String token;
    private final PrintWriter out;

    PortalClient(URI api, String token, PrintWriter out) {
        this.api = api;
        this.token = token;
        this.out = out;
    }

    /** The body of {@code POST notifications}, its fields in the order a reader expects. */
    record Notification(String ticket, String event, String recipient, String name, String locale,
                        Map<String, String> variables, String idempotencyKey) {
    }

    /** POSTs {@code body} to {@code notifications}; returns the answer's JSON, or fails unless it is 202. */
    JsonNode queueNotification(Notification body) throws IOException, InterruptedException {
        URI uri = api.resolve("notifications");
        String json = JSON.writeValueAsString(body);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        out.printf("portal: POST %s %s%n", uri.getPath(), Shortened.to(json, SHOWN_BODY));
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        out.printf("  -> %d %s%n", response.statusCode(), Shortened.to(response.body(), SHOWN_BODY));
        out.flush();
        if (response.statusCode() != 202) {
            throw new IllegalStateException("the API answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
