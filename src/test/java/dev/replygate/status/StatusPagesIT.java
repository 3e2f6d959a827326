package dev.replygate.status;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.app.Replygate;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.http.HttpServer;
import dev.replygate.inbound.Decisions;
import dev.replygate.mailbox.MailboxPoller;
import dev.replygate.mailbox.MailboxStates;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.OutboxState;
import dev.replygate.schedule.StageScheduler;
import dev.replygate.testsupport.CustomerMail;
import dev.replygate.testsupport.HeadlessChromium;
import dev.replygate.testsupport.LoopbackGreenMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status pages as a person opens them in a browser (headless Chromium, no JavaScript needed):
 * after a reply was redirected, the overview loads, a search by ticket finds the decision, the
 * decision shows every reason and its answer's delivery, in English and in Persian (right to left,
 * Persian digits); a failed outbox item is retried with the form's CSRF token. Screenshots of the
 * overview and of the decision, en and fa, are written under target/status-pages/ to look at.
 */
class StatusPagesIT {

    private static final String SUPPORT = TestConfigFile.FROM_ADDRESS;
    private static final String CUSTOMER = "sara@example.net";
    private static final String TICKET = "482913";
    private static final Path SCREENSHOTS = Path.of("target", "status-pages");
    private static final Pattern DECISION_LINK = Pattern.compile("href=\"/decisions/(\\d+)\\?lang=en\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path folder;

    @RegisterExtension
    final LoopbackGreenMail greenMail = LoopbackGreenMail.smtpAndImap();
    private Replygate replygate;
    private StageScheduler scheduler;
    private HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        ReplygateConfig config = TestConfigFile.loadWithSupportMailbox(folder, greenMail);
        replygate = new Replygate(config, Clock.systemUTC());
        scheduler = new StageScheduler("status-pages-test");
        scheduler.every("deliver-outbox", Duration.ofHours(1), () -> { });
        server = HttpServer.start(new HttpServerConfig(true, "127.0.0.1", 0, List.of(), Optional.empty()),
                List.of(new StatusRoutes(config.mailboxes(),
                        new MailboxStates(replygate.store(), Clock.systemUTC()), new Decisions(replygate.store()),
                        replygate.outbox(), scheduler::stages, "en", config.notifications().timeZone(),
                        Clock.systemUTC())));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (replygate != null) {
            replygate.close();
        }
    }

    /** A notification of the ticket sent, the customer's reply to it read and redirected, the answer sent. */
    private void aReplyWasRedirected() throws Exception {
        QueuedNotification notification = replygate.notificationService().queue(new NotificationRequest(TICKET,
                "answered", CUSTOMER, "Sara Ahmadi", "fa", Map.of("subject", "Website is down",
                "department", "Technical"), null));
        Replygate.deliverAllDue(replygate.deliverer());
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        support.deliver(CustomerMail.replyTo(notification.messageId(), CUSTOMER, SUPPORT));
        for (MailboxPoller poller : replygate.mailboxPollers()) {
            Replygate.pollUntilEmpty(poller);
        }
        Replygate.deliverAllDue(replygate.deliverer());
    }

    @Test
    void aPersonFindsTheDecisionByTicketAndReadsItInEnglishAndPersian() throws Exception {
        aReplyWasRedirected();
        HeadlessChromium chromium = HeadlessChromium.in(folder);
        String base = server.address();

        String overview = chromium.dom(base + "?lang=en");
        assertThat(overview).contains("<html lang=\"en\" dir=\"ltr\"", "Mailboxes", "support", "Polling",
                "deliver-outbox", "Read last by (node)", TestConfigFile.INSTANCE);

        String search = chromium.dom(base + "decisions?q=" + TICKET + "&lang=en");
        Matcher link = DECISION_LINK.matcher(search);
        assertThat(link.find()).as(search).isTrue();
        assertThat(chromium.dom(base + "decisions?q=no-such-ticket&lang=en")).contains("Nothing found.")
                .doesNotContainPattern(DECISION_LINK);
        String decision = base + "decisions/" + link.group(1);

        String english = chromium.dom(decision + "?lang=en");
        assertThat(english).contains("reply-1@example.net", "redirect", "Reasons", "Answer", CUSTOMER, "SENT");
        String persian = chromium.dom(decision + "?lang=fa");
        assertThat(persian).contains("<html lang=\"fa\" dir=\"rtl\"", "دلیل‌ها", "<bdi>" + CUSTOMER + "</bdi>")
                .containsPattern("[۰-۹]");
        assertThat(chromium.dom(base + "?lang=fa")).contains("صندوق‌های نامه", "در حال خواندن", "گره",
                "<bdi>" + TestConfigFile.INSTANCE + "</bdi>");

        chromium.screenshot(base + "?lang=en", SCREENSHOTS.resolve("overview-en.png"), 1280, 800);
        chromium.screenshot(base + "?lang=fa", SCREENSHOTS.resolve("overview-fa.png"), 1280, 800);
        chromium.screenshot(decision + "?lang=en", SCREENSHOTS.resolve("decision-en.png"), 1280, 1000);
        chromium.screenshot(decision + "?lang=fa", SCREENSHOTS.resolve("decision-fa.png"), 1280, 1000);
    }

    /**
     * Another node polls the mailbox; this one, which serves the page, never did: the page shows the mailbox
     * as the store keeps it (failing, with that node's error), not as this process's own polls (none) would.
     */
    @Test
    void aMailboxIsShownAsTheNodeThatReadItLastLeftIt() throws Exception {
        replygate.store().inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO mailbox_state"
                + " (mailbox, last_success_at, last_failure_at, last_error, node) VALUES ('support',"
                + " TIMESTAMP WITH TIME ZONE '2026-11-30 09:00:00+00', TIMESTAMP WITH TIME ZONE '2026-11-30 09:05:00+00',"
                + " 'cannot connect to imap.example.test:993: connection refused', 'node-b')"));

        HeadlessChromium chromium = HeadlessChromium.in(folder);
        String english = chromium.dom(server.address() + "?lang=en");
        String persian = chromium.dom(server.address() + "?lang=fa");

        assertThat(english).contains("Failing", "cannot connect to imap.example.test:993: connection refused",
                "node-b").doesNotContain("Not polled yet");
        assertThat(persian).contains("خطا", "<bdi>node-b</bdi>").doesNotContain("هنوز خوانده نشده");
        chromium.screenshot(server.address() + "?lang=en", SCREENSHOTS.resolve("overview-failing-en.png"), 1280, 800);
        chromium.screenshot(server.address() + "?lang=fa", SCREENSHOTS.resolve("overview-failing-fa.png"), 1280, 800);
    }

    @Test
    void aFailedItemIsRetriedOnlyWithTheFormsCsrfToken() throws Exception {
        aReplyWasRedirected();
        long failed = replygate.outbox().list(OutboxState.SENT, 1).get(0).id();
        replygate.store().inTransaction(c -> c.createStatement()
                .executeUpdate("UPDATE outbox SET state = 'failed', last_error = '550 no such user' WHERE id = " + failed));

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server.address() + "outbox?state=failed")));
        assertThat(page.body()).contains("550 no such user", "/outbox/" + failed + "/retry");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();

        HttpRequest.Builder forged = HttpRequest.newBuilder(URI.create(server.address() + "outbox/" + failed + "/retry"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=forged"));
        assertThat(send(forged).statusCode()).isEqualTo(403);
        assertThat(replygate.outbox().find(failed).orElseThrow().state()).isEqualTo(OutboxState.FAILED);

        HttpResponse<String> retried = send(HttpRequest.newBuilder(
                        URI.create(server.address() + "outbox/" + failed + "/retry"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1))));
        assertThat(retried.statusCode()).isEqualTo(303);
        assertThat(retried.headers().firstValue("Location")).hasValue("/outbox?state=queued&lang=en");
        assertThat(replygate.outbox().find(failed).orElseThrow().state()).isEqualTo(OutboxState.QUEUED);
    }

    @Test
    void whatAStrangerWroteIsShownAsTextNeverAsMarkup() throws Exception {
        GreenMailUser support = greenMail.setUser(SUPPORT, SUPPORT, SUPPORT);
        support.deliver(CustomerMail.of("""
                Return-Path: <x@example.org>
                From: <x@example.org>
                To: %s
                Subject: <script>alert(1)</script><img src=x onerror=alert(2)>
                Message-ID: <"><script>alert(3)</script>@example.org>
                Auto-Submitted: auto-replied <script>alert(4)</script>
                Content-Type: text/plain

                Hi
                """.formatted(SUPPORT)));
        for (MailboxPoller poller : replygate.mailboxPollers()) {
            Replygate.pollUntilEmpty(poller);
        }

        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(server.address() + "decisions")));
        long id = new Decisions(replygate.store()).search("", 0, 1).get(0).id();
        HttpResponse<String> one = send(HttpRequest.newBuilder(URI.create(server.address() + "decisions/" + id)));

        for (HttpResponse<String> page : List.of(list, one)) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("<script>", "<img").contains("&lt;script&gt;");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                    policy -> assertThat(policy).startsWith("default-src 'none'"));
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
