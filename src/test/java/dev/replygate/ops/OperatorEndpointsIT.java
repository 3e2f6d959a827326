package dev.replygate.ops;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.LocalServers;
import dev.replygate.testsupport.LoopbackGreenMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daemon as operators and monitoring meet it, out of process: after an end-to-end run on
 * GreenMail (a notification sent, the customer's reply redirected, an out-of-office ignored, a new
 * request without proof of its sender held back, a hard bounce of the notification) {@code /metrics}
 * holds those counts; {@code /readyz} turns 503 naming the mailbox once its server is stopped; a
 * request without the token gets 401. And a server bound beyond loopback without credentials is a
 * configuration error (exit 78) before anything starts.
 */
class OperatorEndpointsIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final String CUSTOMER = "customer@example.net";
    private static final String TOKEN = "metrics-token-0123456789abcdefghij";
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofMillis(250);

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsHoldTheRunsCountsAndReadinessNamesTheMailboxWhoseServerStopped() throws Exception {
        int httpPort = LocalServers.freeLoopbackPort();
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        TestConfigFile.appendSupportMailbox(config, greenMail.getImap().getPort(), """
                    poll-interval: 1s
                    idle: false
                """, """
                http:
                  enabled: true
                  port: %d
                  tokens:
                    - name: prometheus
                      token: %s
                """.formatted(httpPort, TOKEN));
        ReplygateJar.Result notify = ReplygateJar.run(folder, "notify", "--config", config.toString(),
                "--ticket", "482913", "--event", "answered", "--to", CUSTOMER, "--name", "Sara Ahmadi",
                "--var", "subject=Website is down", "--var", "department=Technical");
        assertThat(notify.exitCode()).as(notify.describe()).isZero();
        String notification = notify.messageId();
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        support.deliver(CustomerMail.replyTo(notification, CUSTOMER, SUPPORT));
        support.deliver(CustomerMail.outOfOffice(SUPPORT));
        support.deliver(CustomerMail.of("""
                Return-Path: <stranger@elsewhere.test>
                From: <stranger@elsewhere.test>
                To: %s
                Subject: A question
                Message-ID: <new-1@elsewhere.test>
                Content-Type: text/plain

                Hello?
                """.formatted(SUPPORT)));
        support.deliver(CustomerMail.hardBounce(notification, CUSTOMER, SUPPORT, "482913"));

        try (ReplygateJar.Daemon daemon = ReplygateJar.start(folder, "run", "--config", config.toString())) {
            String base = "http://127.0.0.1:" + httpPort;
            Map<String, Double> metrics = waitFor(() -> scrape(base), m ->
                    m.getOrDefault("replygate_deliveries_total{kind=\"answer\",outcome=\"sent\"}", 0.0) >= 1
                            && m.getOrDefault("replygate_deliveries_total{kind=\"notification\",outcome=\"sent\"}", 0.0) >= 1
                            && m.keySet().stream().filter(k -> k.startsWith("replygate_messages_total{")).count() >= 4
                            && m.containsKey("replygate_poll_seconds_count{mailbox=\"support\",outcome=\"ok\"}"),
                    daemon);

            assertThat(metrics).as(daemon.output()).containsAllEntriesOf(Map.of(
                    "replygate_messages_total{action=\"redirect\",class=\"reply\",mailbox=\"support\"}", 1.0,
                    "replygate_messages_total{action=\"ignore\",class=\"auto-reply\",mailbox=\"support\"}", 1.0,
                    "replygate_messages_total{action=\"ignore\",class=\"bounce\",mailbox=\"support\"}", 1.0,
                    "replygate_messages_total{action=\"ignore\",class=\"new\",mailbox=\"support\"}", 1.0,
                    "replygate_deliveries_total{kind=\"notification\",outcome=\"sent\"}", 1.0,
                    "replygate_deliveries_total{kind=\"answer\",outcome=\"sent\"}", 1.0,
                    "replygate_notifications_bounced_total{severity=\"hard\"}", 1.0,
                    "replygate_outbox_depth{state=\"queued\"}", 0.0,
                    "replygate_outbox_depth{state=\"failed\"}", 0.0,
                    "replygate_outbox_oldest_age_seconds", 0.0));
            assertThat(metrics).as("the new request's answer, held back for want of proof of its sender")
                    .containsEntry("replygate_answers_held_back_total{mailbox=\"support\","
                            + "reason=\"unauthenticated:no-trusted-authserv-id\"}", 1.0);
            assertThat(metrics.get("replygate_poll_seconds_count{mailbox=\"support\",outcome=\"ok\"}")).isPositive();
            assertThat(metrics.get("replygate_mailbox_last_success_timestamp_seconds{mailbox=\"support\"}"))
                    .isPositive();
            assertThat(metrics).containsKey("replygate_delivery_seconds_count");

            assertThat(get(base + "/metrics", null).statusCode()).as("no token").isEqualTo(401);
            assertThat(get(base + "/metrics", "wrong-" + TOKEN).statusCode()).as("a wrong token").isEqualTo(401);
            assertThat(get(base + "/healthz", TOKEN).statusCode()).isEqualTo(200);
            HttpResponse<String> ready = waitFor(() -> get(base + "/readyz", TOKEN), r -> r.statusCode() == 200,
                    daemon);
            assertThat(ready.body()).isEqualTo("ready\n");

            greenMail.stop();
            HttpResponse<String> unready = waitFor(() -> get(base + "/readyz", TOKEN), r -> r.statusCode() == 503,
                    daemon);
            assertThat(unready.body()).startsWith("not ready\n").contains("mailbox support: last polled successfully")
                    .doesNotContain("store:", "scheduler:");
            assertThat(daemon.output()).doesNotContain(TOKEN);

            assertThat(daemon.terminate(LIMIT)).as(daemon.output()).isIn(0, 143);
        }
    }

    @Test
    void listeningBeyondLoopbackWithoutCredentialsIsAConfigErrorForCheckConfigAndRun() throws IOException {
        Path config = TestConfigFile.write(folder, greenMail.getSmtp().getPort());
        append(config, """
                http:
                  enabled: true
                  bind-address: 0.0.0.0
                """);
        int line = Files.readAllLines(config).indexOf("  bind-address: 0.0.0.0") + 1;

        for (String command : List.of("check-config", "run")) {
            ReplygateJar.Result result = ReplygateJar.run(folder, command, "--config", config.toString());

            assertThat(result.exitCode()).as(result.describe()).isEqualTo(78);
            assertThat(result.stderr()).as(result.describe()).containsPattern(
                    "replygate\\.yaml:" + line + ":\\d+: http\\.bind-address: `0\\.0\\.0\\.0` is reachable from other"
                            + " machines, and no credentials are configured");
        }
    }

    private static void append(Path config, String yaml) throws IOException {
        Files.writeString(config, yaml, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The scraped samples by name and labels; empty while the server is not up yet. */
    private Map<String, Double> scrape(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base + "/metrics", TOKEN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws IOException, InterruptedException;
    }

    /** Asks {@code probe} until {@code done} holds (a refused connection counts as not yet), for at most {@link #LIMIT}. */
    private static <T> T waitFor(Probe<T> probe, Predicate<T> done, ReplygateJar.Daemon daemon)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        T last = null;
        while (System.nanoTime() - deadline < 0) {
            assertThat(daemon.isAlive()).as("the daemon runs\n%s", daemon.output()).isTrue();
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(STEP.toMillis());
        }
        throw new AssertionError("not reached within " + LIMIT + "; last: " + last + "\n" + daemon.output());
    }
}
