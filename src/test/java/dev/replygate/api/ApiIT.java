package dev.replygate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.replygate.cli.TestConfigFile;
import dev.replygate.config.HttpServerConfig;
import dev.replygate.http.HttpServer;
import dev.replygate.testsupport.CustomerMail;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's API as a portal and as an attacker call it, over real HTTP on 127.0.0.1 with GreenMail
 * as the relay: a notification queued, delivered, followed and its reply looked up; the same
 * idempotency key twice is one mail; every refusal (400 naming the field, 401, 404, 409, 413, 415, 429)
 * a problem document.
 */
class ApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "sara@example.net";
    private static final String TICKET = "482913";

    @TempDir
    Path folder;

    private ApiServer api;

    @BeforeEach
    void start() {
        api = new ApiServer(folder);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static String notification(String ticket, String event, String key) {
        return """
                {"ticket": "%s", "event": "%s", "recipient": "%s", "name": "Sara Ahmadi", "locale": "fa",
                 "variables": {"subject": "Website is down", "department": "Technical"}, "idempotencyKey": %s}"""
                .formatted(ticket, event, CUSTOMER, key == null ? "null" : "\"" + key + "\"");
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** Asserts an RFC 9457 problem document with this status, naming {@code field} (null: none). */
    private static JsonNode problem(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (field == null) {
            assertThat(problem.has("field")).isFalse();
        } else {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
        return problem;
    }

    @Test
    void aNotificationIsQueuedDeliveredFollowedAndItsReplyLookedUp() throws Exception {
        HttpResponse<String> queued = api.send(api.postJson("notifications", notification(TICKET, "answered", "k-1")));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        JsonNode body = json(queued);
        long id = body.get("id").asLong();
        String messageId = body.get("messageId").asText();
        assertThat(messageId).endsWith("@" + TestConfigFile.DOMAIN);
        assertThat(body.get("locale").asText()).isEqualTo("fa");
        assertThat(queued.headers().firstValue("Location")).hasValue("/api/v1/notifications/" + id);

        JsonNode waiting = json(api.send(api.request("notifications/" + id)));
        assertThat(waiting.get("state").asText()).isEqualTo("queued");
        assertThat(waiting.get("bounce").isNull()).isTrue();

        api.deliverAndPoll();
        JsonNode sent = json(api.send(api.request("notifications/" + id)));
        assertThat(sent.get("state").asText()).isEqualTo("sent");
        assertThat(sent.get("attempts").asInt()).isEqualTo(1);
        assertThat(sent.get("ticket").asText()).isEqualTo(TICKET);
        assertThat(sent.get("event").asText()).isEqualTo("answered");
        assertThat(sent.get("recipient").asText()).isEqualTo(CUSTOMER);
        assertThat(api.greenMail.getReceivedMessages()).hasSize(1);

        GreenMailUser support = api.greenMail.setUser(TestConfigFile.FROM_ADDRESS, TestConfigFile.FROM_ADDRESS,
                TestConfigFile.FROM_ADDRESS);
        support.deliver(CustomerMail.replyTo(messageId, CUSTOMER, TestConfigFile.FROM_ADDRESS));
        api.deliverAndPoll();

        JsonNode decisions = json(api.send(api.request("decisions?ticket=" + TICKET + "&since=2020-01-01T00:00:00Z")))
                .get("decisions");
        assertThat(decisions).hasSize(1);
        JsonNode decision = decisions.get(0);
        assertThat(decision.get("class").asText()).isEqualTo("reply");
        assertThat(decision.get("action").asText()).isEqualTo("redirect");
        assertThat(decision.get("reasons")).isNotEmpty();
        assertThat(decision.get("answer").get("state").asText()).isEqualTo("sent");
        assertThat(json(api.send(api.request("decisions?sender=SARA@example.net"))).get("decisions")).hasSize(1);
        assertThat(json(api.send(api.request("decisions?ticket=999&sender=" + CUSTOMER))).get("decisions")).isEmpty();
        assertThat(json(api.send(api.request("decisions?since=2999-01-01T00:00:00Z"))).get("decisions")).isEmpty();
    }

    @Test
    void anEncodedWordInTheSubjectOrNameReachesTheCustomerAsWritten() throws Exception {
        String name = "=?UTF-8?B?c2VjdXJpdHlAcGF5cGFsLmNvbQ==?=";
        String subject = "=?UTF-8?B?UEFZUEFMOiBhY2NvdW50IHN1c3BlbmRlZA==?=";
        HttpResponse<String> queued = api.send(api.postJson("notifications", """
                {"ticket": "%s", "event": "answered", "recipient": "%s", "name": "%s", "locale": "en",
                 "variables": {"subject": "%s", "department": "Technical"}}""".formatted(TICKET, CUSTOMER, name,
                subject)));
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);

        api.deliverAndPoll();

        assertThat(api.greenMail.getReceivedMessages()).hasSize(1);
        MimeMessage mail = api.greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains(subject).doesNotContain("PAYPAL");
        InternetAddress to = (InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo(name);
        assertThat(to.getAddress()).isEqualTo(CUSTOMER);
    }

    @Test
    void theSameIdempotencyKeyTwiceIsOneMailAndTheFirstResult() throws Exception {
        HttpResponse<String> first = api.send(api.postJson("notifications", notification(TICKET, "answered", "k-2")));
        HttpResponse<String> again = api.send(api.postJson("notifications", notification(TICKET, "answered", "k-2")));
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
        assertThat(json(again).get("messageId")).isEqualTo(json(first).get("messageId"));
        assertThat(json(again).get("created").asBoolean()).isFalse();

        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).hasSize(1);
        HttpResponse<String> afterDelivery = api.send(api.postJson("notifications",
                notification(TICKET, "answered", "k-2")));
        assertThat(afterDelivery.statusCode()).isEqualTo(200);
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void theSameKeyForAnotherNotificationIsAConflictAndQueuesNothing() throws Exception {
        api.send(api.postJson("notifications", notification(TICKET, "answered", "k-3")));
        problem(api.send(api.postJson("notifications", notification("777", "answered", "k-3"))), 409,
                "idempotencyKey");
        problem(api.send(api.postJson("notifications", notification(TICKET, "closed", "k-3"))), 409,
                "idempotencyKey");
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anAnswersIdempotencyKeyCannotBeTakenByTheCaller() throws Exception {
        problem(api.send(api.postJson("notifications", notification(TICKET, "answered", "answer:support:imap:1:1"))),
                400, "idempotencyKey");
    }

    @Test
    void eachInvalidFieldIsNamedWithNotifysMessage() throws Exception {
        assertThat(problem(api.send(api.postJson("notifications", notification(TICKET, "no-such-event", null))), 400,
                "event").get("detail").asText()).startsWith("unknown event `no-such-event`; known events: ");
        assertThat(problem(api.send(api.postJson("notifications", notification("48 29", "answered", null))), 400,
                "ticket").get("detail").asText()).startsWith("ticket id must be 1 to 64 letters");
        problem(api.send(api.postJson("notifications", notification(TICKET, "answered", null)
                .replace(CUSTOMER, "sara@example.net\\r\\nBcc: victim@example.org"))), 400, "recipient");
        problem(api.send(api.postJson("notifications", notification(TICKET, "answered", null)
                .replace("\"locale\": \"fa\"", "\"locale\": \"fa\\r\\nX: y\""))), 400, "locale");
        assertThat(problem(api.send(api.postJson("notifications", notification(TICKET, "answered", null)
                .replace("\"subject\"", "\"ticketUrl\""))), 400, "variables").get("detail").asText())
                .contains("is set by replygate");
        problem(api.send(api.postJson("notifications", notification(TICKET, "answered", null)
                .replace("\"Technical\"", "{\"a\": 1}"))), 400, "variables");
        problem(api.send(api.postJson("notifications", notification(TICKET, "answered", null)
                .replace("\"name\"", "\"bcc\""))), 400, "bcc");
        problem(api.send(api.postJson("notifications", "{\"event\": \"answered\", \"recipient\": \"" + CUSTOMER + "\"}")),
                400, "ticket");
        problem(api.send(api.postJson("notifications", "{\"ticket\": \"1\", \"ticket\": \"2\", \"event\": \"answered\","
                + " \"recipient\": \"" + CUSTOMER + "\"}")), 400, null);
        problem(api.send(api.postJson("notifications", "{\"ticket\": [1], \"event\": \"answered\","
                + " \"recipient\": \"" + CUSTOMER + "\"}")), 400, "ticket");
        problem(api.send(api.postJson("notifications", "{\"ticket\": ")), 400, null);
        problem(api.send(api.postJson("notifications", "[]")), 400, null);
        problem(api.send(api.request("decisions?since=yesterday")), 400, "since");
        problem(api.send(api.request("decisions?ticket=" + "x".repeat(65))), 400, "ticket");
        problem(api.send(api.request("decisions?limit=100000")), 400, "limit");
        problem(api.send(api.request("notifications/abc")), 400, "id");
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).isEmpty();
    }

    private static String body(String name, String subject, String key) throws Exception {
        var root = JSON.createObjectNode();
        root.put("ticket", TICKET);
        root.put("event", "answered");
        root.put("recipient", CUSTOMER);
        root.put("name", name);
        root.put("locale", "en");
        root.putObject("variables").put("subject", subject).put("department", "Technical");
        root.put("idempotencyKey", key);
        return JSON.writeValueAsString(root);
    }

    /** notification.recipient_name is VARCHAR(500): a longer name was the database's error, a 500 "see the log". */
    @Test
    void aLongNameIsA400NamingTheFieldNotA500() throws Exception {
        assertThat(problem(api.send(api.postJson("notifications", body("N".repeat(501), "Down", "k-name"))), 400,
                "name").get("detail").asText()).contains("500 characters");
        assertThat(api.send(api.postJson("notifications", body("N".repeat(500), "Down", "k-name"))).statusCode())
                .isEqualTo(202);
    }

    /** Every field the store keeps, one character over its column (or its rule), is a 400 naming it, never a 500. */
    @Test
    void noFieldOverItsColumnIsA500() throws Exception {
        String valid = body("Sara", "Down", "k-len");
        Map<String, String> tooLong = new LinkedHashMap<>();
        tooLong.put("ticket", valid.replace("\"" + TICKET + "\"", "\"" + "4".repeat(65) + "\""));
        tooLong.put("event", valid.replace("\"answered\"", "\"" + "a".repeat(65) + "\""));
        tooLong.put("recipient", valid.replace(CUSTOMER, "s".repeat(309) + "@example.net"));
        tooLong.put("locale", valid.replace("\"en\"", "\"en-" + "abcdefgh-".repeat(3) + "abcdefgh\""));
        tooLong.put("idempotencyKey", valid.replace("\"k-len\"", "\"" + "k".repeat(201) + "\""));
        tooLong.put("ticketKey", valid.replace("{", "{\"ticketKey\": \"" + "c".repeat(65) + "\", "));
        for (Map.Entry<String, String> field : tooLong.entrySet()) {
            problem(api.send(api.postJson("notifications", field.getValue())), 400, field.getKey());
        }
        // the outbox keeps a subject's first 2000 characters (for listings); the mail has all of it
        assertThat(api.send(api.postJson("notifications", body("Sara", "S".repeat(3000), "k-len"))).statusCode())
                .isEqualTo(202);
        assertThat(api.send(api.postJson("notifications", valid.replace("\"k-len\"",
                "\"" + "k".repeat(200) + "\""))).statusCode()).as("the longest key, behind its prefix").isEqualTo(202);
    }

    @Test
    void withoutTheRightTokenNothingIsQueued() throws Exception {
        String body = notification(TICKET, "answered", null);
        HttpResponse<String> none = api.send(api.postJson("notifications", body).setHeader("Authorization", ""));
        problem(none, 401, null);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        problem(api.send(api.postJson("notifications", body)
                .setHeader("Authorization", "Bearer " + ApiServer.TOKEN.substring(1) + "x")), 401, null);
        problem(api.send(api.postJson("notifications", body)
                .setHeader("Authorization", "Bearer " + ApiServer.TOKEN.toUpperCase())), 401, null);
        problem(api.send(api.postJson("notifications", body).setHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("portal:" + ApiServer.TOKEN).getBytes(StandardCharsets.UTF_8)))),
                401, null);
        problem(api.send(api.request("notifications/1").setHeader("Authorization", "Bearer nope")), 401, null);
        problem(api.send(api.request("openapi.json").setHeader("Authorization", "")), 401, null);
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void onAServerWithoutCredentialsTheApiAnswersNobody() throws Exception {
        try (HttpServer open = HttpServer.start(new HttpServerConfig(true, "127.0.0.1", 0, List.of(), Optional.empty()),
                List.of(api.api))) {
            URI base = URI.create(open.address() + "api/v1/");
            problem(api.send(HttpRequest.newBuilder(base.resolve("decisions")).timeout(Duration.ofSeconds(20))),
                    401, null);
            HttpResponse<String> post = api.send(HttpRequest.newBuilder(base.resolve("notifications"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(notification(TICKET, "answered", null))));
            assertThat(post.statusCode()).isIn(401, 403);
        }
        assertThat(api.replygate.outbox().list(10)).isEmpty();
    }

    @Test
    void unknownNotificationsAndPathsAre404() throws Exception {
        problem(api.send(api.request("notifications/999999")), 404, "id");
        problem(api.send(api.request("no-such-thing")), 404, null);
        api.send(api.postJson("notifications", notification(TICKET, "answered", null)));
        GreenMailUser support = api.greenMail.setUser(TestConfigFile.FROM_ADDRESS, TestConfigFile.FROM_ADDRESS,
                TestConfigFile.FROM_ADDRESS);
        api.deliverAndPoll();
        String messageId = api.replygate.outbox().list(1).get(0).messageId();
        support.deliver(CustomerMail.replyTo(messageId, CUSTOMER, TestConfigFile.FROM_ADDRESS));
        api.deliverAndPoll();
        long answer = api.replygate.outbox().list(1).get(0).id();
        problem(api.send(api.request("notifications/" + answer)), 404, "id");
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutItsLength() throws Exception {
        String big = notification(TICKET, "answered", null).replace("Website is down",
                "x".repeat(HttpServer.MAX_REQUEST_BYTES));
        problem(api.send(api.postJson("notifications", big)), 413, null);
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder chunked = api.request("notifications").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        problem(api.send(chunked), 413, null);
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonInUtf8Is415() throws Exception {
        String body = notification(TICKET, "answered", null);
        problem(api.send(api.postJson("notifications", body).setHeader("Content-Type", "text/plain")), 415, null);
        problem(api.send(api.postJson("notifications", body)
                .setHeader("Content-Type", "application/json; charset=iso-8859-1")), 415, null);
        problem(api.send(api.postJson("notifications", body)
                .setHeader("Content-Type", "application/x-www-form-urlencoded")), 415, null);
        assertThat(api.send(api.postJson("notifications", body)
                .setHeader("Content-Type", "Application/JSON; charset=UTF-8")).statusCode()).isEqualTo(202);
    }

    /**
     * Jackson reads a body in UTF-16 or UTF-32 as readily as one in UTF-8 (it guesses from the first bytes): the
     * body is decoded as UTF-8 alone, whatever the Content-Type says, and anything else is a 415.
     */
    @Test
    void aBodyInUtf16Or32OrWithABomIsA415NotQueued() throws Exception {
        String body = body("Sara", "Down", "k-16");
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16, java.nio.charset.Charset.forName("UTF-32BE"))) {
            problem(api.send(api.request("notifications").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(charset)))), 415, null);
        }
        byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        problem(api.send(api.request("notifications").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(withBom))), 415, null);
        byte[] latin1 = body("S\u00e4ra", "Down", "k-16").getBytes(StandardCharsets.ISO_8859_1);
        problem(api.send(api.request("notifications").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1))), 415, null);
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).isEmpty();
        assertThat(api.send(api.postJson("notifications", body("S\u00e4ra \u0633\u0627\u0631\u0627", "Down",
                "k-8"))).statusCode()).as("UTF-8 beyond ASCII").isEqualTo(202);
    }

    @Test
    void aTokenOverItsRateIs429WithRetryAfterAndOtherTokensGoOn() throws Exception {
        for (int i = 0; i < ApiServer.TIGHT_PER_MINUTE; i++) {
            assertThat(api.send(api.request("decisions")
                    .setHeader("Authorization", "Bearer " + ApiServer.TIGHT_TOKEN)).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = api.send(api.postJson("notifications", notification(TICKET, "answered", null))
                .setHeader("Authorization", "Bearer " + ApiServer.TIGHT_TOKEN));
        problem(refused, 429, null);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(api.send(api.request("decisions")).statusCode()).isEqualTo(200);
        api.deliverAndPoll();
        assertThat(api.greenMail.getReceivedMessages()).isEmpty();
    }
}
