package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.ReplygateJar;
import dev.replygate.notify.NotificationRequest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12.4: the daemon delivers an answer as soon as a poll queued it, not at the next
 * {@code delivery.interval} tick. With an interval of an hour the answer still comes within a bounded wait.
 */
class AnswerLatencyIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String JOHN = "john@customer.test";
    private static final String TICKET = "482914";
    /** Far beyond a 1 s poll plus one delivery, far below the hour the delivery interval would take. */
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(JOHN);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void anAnswerQueuedByAPollIsDeliveredWithoutWaitingForTheDeliveryInterval() throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail).delivery("interval: 1h")
                .imapMailbox("support", SUPPORT, "poll-interval: 1s");
        Path config = instance.write();
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            replygate.notificationService().queue(new NotificationRequest(TICKET, "answered", JOHN, "John Smith",
                    "en", Map.of("subject", "Cannot renew my domain", "department", "Support", "status", "Answered",
                            "operator", "Mina"), "latency-" + TICKET));
            assertThat(Replygate.deliverAllDue(replygate.deliverer()).sent()).isEqualTo(1);
        }
        MimeMessage notification = mail.inbox(JOHN).get(0).message();

        try (ReplygateJar.Daemon daemon = ReplygateJar.start(dir, "run", "--config", config.toString())) {
            // the delivery stage's first run (at start, on an empty outbox) is over by the first poll's end
            await().atMost(ANSWER_LIMIT).until(() -> daemon.stderr().contains("[mailbox=support] - found 0"));
            mail.send(MailProgram.reply(notification, "John Smith", JOHN, SUPPORT,
                    "Hello, the renewal page still shows an error.", "UTF-8"), JOHN, SUPPORT);

            await().atMost(ANSWER_LIMIT).untilAsserted(() -> assertThat(mail.inbox(JOHN))
                    .as("the notification and the answer to the reply; daemon log:%n%s", daemon.stderr())
                    .hasSize(2));
        }
        assertThat(mail.inbox(JOHN).get(1).header("Auto-Submitted")).isEqualTo("auto-replied");
    }
}
