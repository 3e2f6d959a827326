package dev.replygate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 2, acceptance: {@code java -jar target/replygate.jar demo} prints both notifications and exits 0.
 * Issue 10: {@code demo --keep-running} serves the status page until stopped.
 * Issue 11: the demo queues its notifications through the API, which {@code --keep-running} serves with a
 * token made up for the run.
 */
class DemoIT {

    @TempDir
    Path folder;

    @Test
    void theDemoShowsWhatBothCustomersGotAndExitsZero() throws IOException {
        Path tmp = Files.createDirectory(folder.resolve("tmp"));

        // the demo's temporary store goes into our folder: parallel builds do not share it, and we
        // can see that the demo cleans up after itself
        ReplygateJar.Result demo = ReplygateJar.run(folder, List.of("-Djava.io.tmpdir=" + tmp),
                Duration.ofSeconds(180), "demo");

        assertThat(demo.exitCode()).as(demo.describe()).isZero();
        String out = demo.stdout();
        // the demo's header lines are aligned ("Subject:        "); the text parts have their own "Subject: "
        List<String> subjects = out.lines().filter(line -> line.startsWith("Subject:        ")).toList();
        assertThat(subjects).as(demo.describe()).hasSize(3);
        // the Persian subject decoded from RFC 2047, not shown as =?UTF-8?…?=
        assertThat(subjects.get(0)).contains("تیکت", "482913", "سایت من از دسترس خارج شده است")
                .doesNotContain("=?", "?=");
        assertThat(subjects.get(1)).contains("Ticket #482914", "Cannot renew my domain");
        // the redirect that answered Sara's reply by email
        assertThat(subjects.get(2)).startsWith("Subject:        Auto: ").contains("482913")
                .doesNotContain("Re: ");
        assertThat(out.lines().filter(line -> line.startsWith("From:           ")).toList()).as(out)
                .containsOnly("From:           Demo Hosting Support <support@hosting.demo>").hasSize(3);
        assertThat(out).contains("sara@customer.demo's inbox (IMAP), message 1 of 1",
                "john@customer.demo's inbox (IMAP), message 1 of 1",
                "sara@customer.demo's inbox (IMAP), message 2 of 2",
                "Auto-Submitted: auto-replied",
                "found 2, processed 2 (redirected 1, ignored 1, quarantined 0)",
                "john@customer.demo's out-of-office got nothing: their inbox still holds 1 message(s)");

        String[] parts = out.split("---- text part ----", -1);
        assertThat(parts).as(out).hasSize(4);
        // Persian text part: greeting by name, the link to the ticket, replies by email are not read
        assertThat(parts[1]).contains("سارا احمدی", "ناحیه کاربری",
                "https://portal.hosting.demo/viewticket.php?tid=482913", "خوانده نمی‌شوند");
        assertThat(parts[2]).contains("Hello \u2068John Smith\u2069,", "https://portal.hosting.demo/viewticket.php?tid=482914",
                "Replies to it are not read");
        // the redirect, in Persian like the ticket's notification, links to the ticket
        assertThat(parts[3]).contains("https://portal.hosting.demo/viewticket.php?tid=482913", "ناحیه کاربری")
                .doesNotContain("حذف کنید");
        // issue 11: the notifications were asked for through the HTTP API, as a portal would
        List<String> requests = out.lines().filter(line -> line.startsWith("portal: ")).toList();
        assertThat(requests).as(out).hasSize(2);
        assertThat(requests.get(0)).startsWith("portal: POST /api/v1/notifications {\"ticket\":\"482913\"");
        assertThat(requests.get(1)).startsWith("portal: POST /api/v1/notifications {\"ticket\":\"482914\"");
        assertThat(out.lines().filter(line -> line.startsWith("  -> ")).toList()).as(out).hasSize(2)
                .allMatch(line -> line.startsWith("  -> 202 {\"id\":"));
        assertThat(out).contains("delivered over SMTP: 2 sent, 0 deferred, 0 failed",
                "delivered over SMTP: 1 sent, 0 deferred, 0 failed");

        // the operator's digest of what just happened, read from the operator's mailbox
        String digest = out.substring(out.indexOf("======== the operator's digest ========"));
        assertThat(digest).as(out).contains("ops@hosting.demo's inbox (IMAP): \"Mail digest demo, ",
                "Auto-Submitted: auto-generated", "REPLIES REDIRECTED (1)", "sara@customer.demo",
                "https://portal.hosting.demo/admin/supporttickets.php?action=view&id=482913", "- class auto-reply: 1",
                "2 queued, 2 sent", "- support: working");
        assertThat(out).contains("delivered over SMTP: 1 sent, 0 deferred, 0 failed");

        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("the demo's temporary store is deleted").isEmpty();
        }
    }

    @Test
    void keepRunningServesTheStatusPageUntilStopped() throws Exception {
        Path tmp = Files.createDirectory(folder.resolve("tmp"));
        try (ReplygateJar.Daemon demo = ReplygateJar.start(folder, List.of("-Djava.io.tmpdir=" + tmp), "demo",
                "--keep-running")) {
            String url = awaitLine(demo, "^status page: (http://127\\.0\\.0\\.1:\\d+/)$");

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = get(http, url);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("support");
            HttpResponse<String> metrics = get(http, url + "metrics");
            assertThat(metrics.body()).contains("replygate_messages_total{", "mailbox=\"support\"");

            String api = awaitLine(demo, "^api: (http://127\\.0\\.0\\.1:\\d+/api/v1/)$");
            String token = awaitLine(demo, "^api token \\(this demo run only\\): ([0-9a-f]{64})$");
            String notification = """
                    {"ticket": "7", "event": "opened", "recipient": "john@customer.demo", "name": "John Smith",
                     "variables": {"subject": "A second domain"}, "idempotencyKey": "demo-it-7"}""";
            HttpResponse<String> withoutToken = post(http, api + "notifications", notification, Optional.empty());
            assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(401);
            HttpResponse<String> wrongToken = post(http, api + "notifications", notification,
                    Optional.of("0".repeat(64)));
            assertThat(wrongToken.statusCode()).as(wrongToken.body()).isEqualTo(401);
            HttpResponse<String> queued = post(http, api + "notifications", notification, Optional.of(token));
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            assertThat(queued.body()).contains("\"messageId\":");
            assertThat(demo.isAlive()).as("still running after serving").isTrue();

            demo.terminate(Duration.ofSeconds(60));
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).as("the demo's temporary store is deleted once stopped").isEmpty();
        }
    }

    /** Waits for a line matching {@code regex} and returns its first group; fails if the demo ends or takes too long. */
    private static String awaitLine(ReplygateJar.Daemon demo, String regex) throws InterruptedException {
        Pattern line = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher found = line.matcher(demo.stdout());
            if (found.find()) {
                return found.group(1);
            }
            assertThat(demo.isAlive()).as(demo.output()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no line " + regex + " within 180 s\n" + demo.output());
    }

    private static HttpResponse<String> post(HttpClient http, String url, String json, Optional<String> token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
