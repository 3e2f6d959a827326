package dev.replygate.app;

import dev.replygate.address.MailAddress;
import dev.replygate.config.ConfigLoader;
import dev.replygate.config.ReplygateConfig;
import dev.replygate.notify.IdempotencyKeyReusedException;
import dev.replygate.notify.InvalidNotificationException;
import dev.replygate.notify.NotificationRecord;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.notify.NotificationService;
import dev.replygate.notify.Notifications;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.OutboxItem;
import dev.replygate.store.Store;
import dev.replygate.testsupport.StoreConfigs;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Queueing notifications through the assembled application on a real H2 store. */
class NotificationServiceTest {

    @TempDir
    Path dir;

    private Replygate replygate;
    private NotificationService service;

    @BeforeEach
    void open() {
        ReplygateConfig defaults = ConfigLoader.loadDefaults();
        ReplygateConfig config = new ReplygateConfig(defaults.instance(), defaults.portal(), StoreConfigs.h2In(dir),
                defaults.smtp(), defaults.sender(), defaults.signing(), defaults.delivery(), defaults.notifications(),
                defaults.templates(), defaults.mailboxes(), defaults.inbound(),
                defaults.http(), defaults.retention(), defaults.digests());
        replygate = new Replygate(config, Clock.systemUTC());
        service = replygate.notificationService();
    }

    @AfterEach
    void close() {
        replygate.close();
    }

    private static NotificationRequest request(String ticket, String key) {
        return new NotificationRequest(ticket, "opened", "customer@example.net", "Sara", "fa",
                Map.of("subject", "Server down"), key);
    }

    @Test
    void theSameIdempotencyKeyQueuesOnce() {
        QueuedNotification first = service.queue(request("1001", "portal-1"));
        QueuedNotification second = service.queue(request("1001", "portal-1"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.outboxId()).isEqualTo(first.outboxId());
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(replygate.outbox().list(10)).hasSize(1);
        assertThat(countNotifications()).isEqualTo(1);
    }

    @Test
    void aKeyThatQueuedAnotherNotificationIsRefusedNamingIt() {
        QueuedNotification first = service.queue(request("1001", "portal-2"));

        assertThatThrownBy(() -> service.queue(request("9999", "portal-2")))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("outbox#" + first.outboxId())
                .satisfies(e -> assertThat(((InvalidNotificationException) e).field()).hasValue("idempotencyKey"));
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1001", "closed", "customer@example.net", "Sara",
                "fa", Map.of("subject", "Server down"), "portal-2"))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1001", "opened", "other@example.net", "Sara",
                "fa", Map.of("subject", "Server down"), "portal-2"))).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(service.queue(new NotificationRequest("1001", "opened", "Customer@Example.NET", "Sara", "fa",
                Map.of("subject", "Server down"), "portal-2")).created()).isFalse();
        assertThat(replygate.outbox().list(10)).hasSize(1);
    }

    @Test
    void anAnswersKeyOrAControlCharacterInAKeyIsRefused() {
        assertThatThrownBy(() -> service.queue(request("1001", "answer:support:imap:7:1")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("`answer:`");
        assertThatThrownBy(() -> service.queue(request("1001", "k\r\nX: y")))
                .isInstanceOf(InvalidNotificationException.class).hasMessageContaining("control characters");
        assertThat(replygate.outbox().list(10)).isEmpty();
    }

    @Test
    void withoutAKeyEveryRequestQueues() {
        service.queue(request("1001", null));
        service.queue(request("1001", null));

        assertThat(replygate.outbox().list(10)).hasSize(2);
    }

    @Test
    void notificationsOfOneTicketThreadTogether() throws Exception {
        QueuedNotification first = service.queue(request("1002", "a"));
        QueuedNotification second = service.queue(request("1002", "b"));
        QueuedNotification third = service.queue(request("1002", "c"));
        QueuedNotification otherTicket = service.queue(request("2002", "d"));

        MimeMessage thirdMail = parse(third);
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) thirdMail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent())
                .as("the body marker, for replies whose mail program drops the threading headers")
                .endsWith("[rg-ref:" + third.messageId() + "]\n");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("[rg-ref:" + third.messageId() + "]</div>");
        assertThat(thirdMail.getHeader("In-Reply-To", null)).isEqualTo("<" + second.messageId() + ">");
        assertThat(thirdMail.getHeader("References", null))
                .contains("<" + first.messageId() + ">", "<" + second.messageId() + ">");
        assertThat(parse(first).getHeader("In-Reply-To")).isNull();
        assertThat(parse(otherTicket).getHeader("References")).isNull();
    }

    @Test
    void theNotificationIsRecordedWithItsLocaleForRecognisingReplies() {
        QueuedNotification queued = service.queue(new NotificationRequest("1003", "answered", "c@example.net", "",
                "fa-IR", Map.of("subject", "x"), null));

        NotificationRecord record = new Notifications(store()).findByMessageId(queued.messageId()).orElseThrow();
        assertThat(record.ticketId()).isEqualTo("1003");
        assertThat(record.locale()).isEqualTo("fa");
        assertThat(record.recipient()).isEqualTo("c@example.net");
        assertThat(record.event()).isEqualTo("answered");
        assertThat(queued.messageId()).endsWith("@" + replygate.config().instance().domain());
    }

    @Test
    void aMissingVariableFailsAtQueueTimeAndQueuesNothing() {
        NotificationRequest lacksSubject = new NotificationRequest("1004", "opened", "c@example.net", "", "en",
                Map.of(), null);

        assertThatThrownBy(() -> service.queue(lacksSubject))
                .isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("subject");
        assertThat(replygate.outbox().list(10)).isEmpty();
    }

    @Test
    void aRecipientTheConfigurationRefusesIsRefusedWithTheSameReason() {
        // issue 9: notify queued x@[127.0.0.1] although the configuration's address check refuses its domain
        for (String recipient : new String[]{"x@[127.0.0.1]", "a".repeat(310) + "@example.net", "x@-bad.example"}) {
            String configReason = catchThrowable(() -> MailAddress.parse(recipient)).getMessage();

            assertThatThrownBy(() -> service.queue(new NotificationRequest("1", "opened", recipient, "", "en",
                    Map.of("subject", "x"), null))).as(recipient)
                    .isInstanceOf(InvalidNotificationException.class)
                    .hasMessage("recipient is not a valid address: " + configReason);
        }
        assertThat(replygate.outbox().list(10)).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1", "exploded", "c@example.net", "", "en",
                Map.of("subject", "x"), null))).hasMessageContaining("unknown event `exploded`")
                .hasMessageContaining("opened");
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1", "opened", "c@example.net\r\nBcc: x@y.z",
                "", "en", Map.of("subject", "x"), null))).hasMessageContaining("control characters");
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1", "opened", "not an address", "", "en",
                Map.of("subject", "x"), null))).hasMessageContaining("not a valid address");
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1/../2", "opened", "c@example.net", "", "en",
                Map.of("subject", "x"), null))).hasMessageContaining("ticket id");
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1", "opened", "c@example.net", "", "../../x",
                Map.of("subject", "x"), null))).hasMessageContaining("locale");
        assertThatThrownBy(() -> service.queue(new NotificationRequest("1", "opened", "c@example.net", "", "en",
                Map.of("subject", "x", "ticketUrl", "https://evil.example"), null)))
                .hasMessageContaining("`ticketUrl` is set by replygate");
        assertThat(replygate.outbox().list(10)).isEmpty();
    }

    private MimeMessage parse(QueuedNotification queued) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(rawOf(queued)));
    }

    private byte[] rawOf(QueuedNotification queued) {
        OutboxItem item = replygate.outbox().find(queued.outboxId()).orElseThrow();
        byte[] raw = store().inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT raw_message FROM outbox WHERE id = ?")) {
                query.setLong(1, item.id());
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getBytes(1);
                }
            }
        });
        return raw;
    }

    private int countNotifications() {
        return store().inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM notification");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    private Store store() {
        return replygate.store();
    }
}
