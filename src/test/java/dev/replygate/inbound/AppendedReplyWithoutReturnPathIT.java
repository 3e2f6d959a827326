package dev.replygate.inbound;

import dev.replygate.app.Replygate;
import dev.replygate.cli.Main;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.outbound.DeliveryReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance of issue 8: replies made by a real mail program (s-nail, {@code src/test/resources/personal-mail})
 * reach the support mailbox by IMAP APPEND, so with no Return-Path at all, and with no trusted
 * authserv-id configured; our signed Message-ID in their In-Reply-To is enough for one redirect each,
 * to the address the ticket's notification went to.
 */
class AppendedReplyWithoutReturnPathIT {

    private static final String SUPPORT = "support@hosting.test";
    private static final String SARA = "sara@customer.test";
    private static final String JOHN = "john@customer.test";
    private static final String PLACEHOLDER = "notification-message-id@replygate.placeholder";

    @TempDir
    Path dir;

    private MailWorld mail;

    @BeforeEach
    void start() {
        mail = new MailWorld().addMailbox(SUPPORT).addMailbox(SARA).addMailbox(JOHN);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void aSignedReplyWithoutReturnPathIsRedirectedWithNoTrustedAuthservId() throws Exception {
        InstanceConfig instance = new InstanceConfig(dir, mail).imapMailbox("support", SUPPORT, "");
        Path config = instance.write();
        assertThat(java.nio.file.Files.readString(config)).contains("trusted-authserv-ids: []");
        try (Replygate replygate = new Replygate(instance.load(), Clock.systemUTC())) {
            notify(replygate, "482913", SARA, "سارا احمدی", "fa");
            notify(replygate, "482914", JOHN, "John Smith", "en");
            DeliveryReport sent = Replygate.deliverAllDue(replygate.deliverer());
            assertThat(sent.sent()).isEqualTo(2);
        }
        String saraNotification = onlyMessage(SARA);
        String johnNotification = onlyMessage(JOHN);

        mail.append(SUPPORT, "INBOX", List.of(reply("reply-fa-windows-1256.eml", saraNotification),
                reply("reply-en-utf8.eml", johnNotification)));
        assertThat(mail.inbox(SUPPORT)).hasSize(2)
                .allSatisfy(received -> assertThat(received.header("Return-Path")).as("appended: no Return-Path").isNull());

        assertThat(Main.execute("run", "--once", "--config", config.toString())).isZero();

        for (String customer : List.of(SARA, JOHN)) {
            List<MailWorld.Received> inbox = mail.inbox(customer);
            assertThat(inbox).as("%s: the notification and one redirect", customer).hasSize(2);
            assertThat(inbox.get(1).header("Auto-Submitted")).isEqualTo("auto-replied");
            assertThat(inbox.get(1).message().getSubject()).startsWith("Auto: ");
        }
        try (StoreView store = new StoreView(instance.jdbcUrl())) {
            assertThat(store.inbound()).hasSize(2).allSatisfy(record -> {
                assertThat(record.mailClass()).isEqualTo("reply");
                assertThat(record.disposition()).isEqualTo("redirected");
            });
        }
    }

    private static void notify(Replygate replygate, String ticket, String to, String name, String locale) {
        replygate.notificationService().queue(new NotificationRequest(ticket, "answered", to, name, locale,
                Map.of("subject", "Website is down", "department", "Support", "status", "Answered", "operator", "Mina"),
                "rp8-" + ticket));
    }

    /** The Message-ID (without angle brackets) of the one message in {@code customer}'s inbox. */
    private String onlyMessage(String customer) throws Exception {
        List<MailWorld.Received> inbox = mail.inbox(customer);
        assertThat(inbox).hasSize(1);
        String id = inbox.get(0).message().getMessageID();
        return id.substring(1, id.length() - 1);
    }

    // The s-nail reply answering the notification whose Message-ID is notificationId (the only ASCII edit).
    private static byte[] reply(String file, String notificationId) throws IOException {
        try (InputStream in = AppendedReplyWithoutReturnPathIT.class.getResourceAsStream("/personal-mail/" + file)) {
            String raw = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(raw).contains(PLACEHOLDER);
            return raw.replace(PLACEHOLDER, notificationId).getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
