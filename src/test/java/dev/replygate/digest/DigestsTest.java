package dev.replygate.digest;

import dev.replygate.config.DigestConfig;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.config.HttpServerConfig.BearerToken;
import dev.replygate.config.Secret;
import dev.replygate.http.HttpServer;
import dev.replygate.notify.RenderedTemplate;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.outbound.OutboxKind;
import dev.replygate.text.Sha256;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Digests are queued once per period and recipient, as automatic mail, and stay bounded whatever the store holds. */
class DigestsTest {

    @TempDir
    Path folder;
    DigestWorld world;

    @BeforeEach
    void setUp() {
        world = new DigestWorld(folder);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void aPeriodIsQueuedOncePerRecipientHoweverOftenItsFiringRuns() throws Exception {
        world.fill();
        DigestConfig daily = world.digests().named("daily");

        Digests.DigestSent first = world.digests().sendScheduled(daily, DigestWorld.FIRING).orElseThrow();
        Digests.DigestSent again = world.digests().sendScheduled(daily, DigestWorld.FIRING).orElseThrow();
        // another node, or the daemon after a restart, with its own Digests on the same store
        Digests.DigestSent otherNode = world.digests().sendScheduled(daily, DigestWorld.FIRING).orElseThrow();

        assertThat(first.queued()).hasSize(2).allSatisfy(result -> assertThat(result.created()).isTrue());
        assertThat(again.queued()).extracting(r -> r.created()).containsExactly(false, false);
        assertThat(otherNode.queued()).extracting(r -> r.id())
                .containsExactlyElementsOf(first.queued().stream().map(r -> r.id()).toList());
        assertThat(digestItems()).extracting(OutboxItem::recipient)
                .containsExactlyInAnyOrder("lead@hosting.test", "ops@hosting.test");

        Digests.DigestSent nextDay = world.digests().sendScheduled(daily, DigestWorld.FIRING.plusSeconds(86_400))
                .orElseThrow();
        assertThat(nextDay.period().start()).isEqualTo(DigestWorld.FIRING);
        assertThat(nextDay.queued()).allSatisfy(result -> assertThat(result.created()).isTrue());
        assertThat(digestItems()).hasSize(4);
    }

    /**
     * A digest's key is predictable (its name, period and recipient's hash), and the portal's token once could take it
     * first through the API: the caller's mail was queued and the period's digest never was. A caller's key now
     * lives in a namespace of its own.
     */
    @Test
    void aCallerWhoSendsADigestsKeyFirstDoesNotStopTheDigest() throws Exception {
        world.fill();
        long end = DigestWorld.FIRING.getEpochSecond();
        String digestKey = "digest:daily:" + (end - 86_400) + "-" + end + ":"
                + Sha256.hexOf("lead@hosting.test").substring(0, 32);
        String token = "portal-token-0123456789abcdefghijklmnop";
        try (HttpServer server = HttpServer.start(new HttpServerConfig(true, "127.0.0.1", 0,
                List.of(new BearerToken("portal", Secret.of(token), 100)), Optional.empty()),
                List.of(world.replygate.apiRoutes()))) {
            String body = """
                    {"ticket": "482913", "event": "answered", "recipient": "attacker@example.net",
                     "variables": {"subject": "Down", "department": "Technical"}, "idempotencyKey": "%s"}"""
                    .formatted(digestKey);
            HttpRequest post = HttpRequest.newBuilder(URI.create(server.address() + "api/v1/notifications"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> taken = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
            HttpResponse<String> again = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("the caller's own key still replays").isEqualTo(200);
        }

        Digests.DigestSent sent = world.digests().sendScheduled(world.digests().named("daily"), DigestWorld.FIRING)
                .orElseThrow();

        assertThat(sent.queued()).hasSize(2).allSatisfy(result -> assertThat(result.created()).isTrue());
        assertThat(digestItems()).extracting(OutboxItem::recipient)
                .containsExactlyInAnyOrder("lead@hosting.test", "ops@hosting.test");
        assertThat(digestItems()).extracting(OutboxItem::idempotencyKey).contains(digestKey);
    }

    @Test
    void theMailIsAutomaticSignedOnOurDomainAndNamesNoStrangerInItsHeaders() throws Exception {
        world.fill();
        world.digests().sendScheduled(world.digests().named("daily"), DigestWorld.FIRING).orElseThrow();

        OutboxItem item = digestItems().get(0);
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(rawMessage(item.id())));

        assertThat(item.kind()).isEqualTo(OutboxKind.DIGEST);
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getMessageID()).endsWith("@hosting.test>");
        assertThat(mail.getSubject()).isEqualTo("Mail digest daily, March 21, 2026: 5 redirected, 2 held back,"
                + " 1 failed, 2 bounced");
        assertThat(item.idempotencyKey()).startsWith("digest:daily:" + DigestWorld.FIRING.minusSeconds(86_400)
                .getEpochSecond() + "-" + DigestWorld.FIRING.getEpochSecond() + ":");
        String headers = new String(rawMessage(item.id()), java.nio.charset.StandardCharsets.UTF_8).split("\r\n\r\n")[0];
        assertThat(headers).doesNotContain("example.net").doesNotContain("script");
    }

    @Test
    void whatAStrangerWroteIsEscapedAndIsolated() {
        world.fill();
        Digests digests = world.digests();
        RenderedTemplate en = digests.render(digests.named("daily"), period());

        assertThat(en.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("<bdi>پاسخ: سرور کند است &lt;script&gt;");
        assertThat(en.html()).contains("href=\"" + DigestWorld.ADMIN_TICKET_URL.replace("&", "&amp;") + "123456\"");
    }

    @Test
    void anEmptyPeriodSendsAQuietLineOrNothingAsConfigured() {
        Digests healthy = world.replygate.digests(MailboxHealth.unknown());
        DigestConfig quietLine = healthy.named("daily");
        DigestConfig nothing = new DigestConfig("silent", quietLine.cron(), quietLine.timeZone(),
                quietLine.recipients(), "en", List.of(), DigestConfig.EmptyPeriod.NOTHING, 20);

        Digests.DigestSent skipped = healthy.sendScheduled(nothing, DigestWorld.FIRING).orElseThrow();
        assertThat(skipped.skipped()).isTrue();
        assertThat(digestItems()).isEmpty();
        RenderedTemplate quiet = healthy.render(quietLine, period());
        assertThat(quiet.subject()).endsWith(": all quiet");
        assertThat(quiet.text()).contains("All quiet").doesNotContain("REPLIES REDIRECTED");

        // with a mailbox failing (whichever process polled it), a period without mail is not quiet: the failure is news
        world.mailboxStates();
        assertThat(healthy.render(quietLine, period()).subject()).doesNotEndWith("all quiet");
        assertThat(healthy.sendScheduled(nothing, DigestWorld.FIRING).orElseThrow().skipped()).isFalse();
        assertThat(healthy.sendScheduled(quietLine, DigestWorld.FIRING).orElseThrow().queued()).hasSize(2);
    }

    @Test
    void aFloodOfMailKeepsEachListToItsLimitAndCountsEveryMessage() {
        int flood = 3_000;
        world.store().inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO inbound_message (mailbox,"
                    + " message_key, sha256, sender, subject, size_bytes, mail_class, action, disposition, ticket_id,"
                    + " reasons, shadow, received_at) VALUES ('support', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, FALSE, ?)")) {
                for (int i = 0; i < flood; i++) {
                    boolean reply = i % 3 == 0;
                    insert.setString(1, "flood:" + i);
                    insert.setBytes(2, HexFormat.of().parseHex("%064d".formatted(i)));
                    insert.setString(3, "robot" + i + "@flood.example");
                    insert.setString(4, "x".repeat(900));
                    insert.setString(5, reply ? "reply" : "auto-reply");
                    insert.setString(6, reply ? "redirect" : "ignore");
                    insert.setString(7, reply ? "redirected" : "ignored");
                    insert.setString(8, reply ? String.valueOf(i) : null);
                    insert.setString(9, reply ? "reply-match: References" : "auto-submitted: auto-replied");
                    insert.setObject(10, DigestWorld.FIRING.minusSeconds(1 + i).atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
        Digests digests = world.digests();

        RenderedTemplate mail = digests.render(digests.named("daily"), period());

        assertThat(mail.text()).contains("Messages received: 3,000", "REPLIES REDIRECTED (1,000)",
                "... and 997 more, 1,000 in all.", "- rule auto-submitted: 2,000", "robot0@flood.example",
                "robot3@flood.example", "robot6@flood.example").doesNotContain("robot9@flood.example");
    }

    private DigestPeriod period() {
        return new DigestSchedule(world.digests().named("daily")).endedBy(DigestWorld.FIRING).orElseThrow();
    }

    private List<OutboxItem> digestItems() {
        return world.replygate.outbox().list(100).stream().filter(item -> item.kind() == OutboxKind.DIGEST).toList();
    }

    private byte[] rawMessage(long id) {
        return world.store().inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT raw_message FROM outbox WHERE id = ?")) {
                query.setLong(1, id);
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    return row.getBytes(1);
                }
            }
        });
    }

}
