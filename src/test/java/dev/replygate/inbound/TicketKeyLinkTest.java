package dev.replygate.inbound;

import dev.replygate.notify.InvalidNotificationException;
import dev.replygate.notify.NotificationRequest;
import dev.replygate.notify.QueuedNotification;
import dev.replygate.outbound.OutboxItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A portal whose ticket links need the ticket's access key (WHMCS: {@code viewticket.php?tid=…&c=…}): the
 * notification links with the key the portal gave; an answer to a reply links with the key on record for
 * the notification replied to, and never hands a ticket's key to a stranger who only names the ticket.
 */
class TicketKeyLinkTest {

    private static final String SUPPORT = PipelineConfigFile.SUPPORT;
    private static final String CUSTOMER = "sara@customer.test";
    private static final String LINK = "https://portal.hosting.test/viewticket.php?tid=";

    @TempDir
    Path dir;

    private HandFedPipeline fed;

    @BeforeEach
    void open() throws Exception {
        Path file = PipelineConfigFile.write(dir, """
                trusted-authserv-ids: [mx.hosting.test]
                subject-patterns:
                  - name: whmcs
                    pattern: '\\[Ticket ID: (?<ticket>\\d+)\\]'""");
        Files.writeString(file, Files.readString(file).replace("ticket-url: https://portal.hosting.test/t/{ticket}",
                "ticket-url: " + LINK + "{ticket}&c={ticketKey}"));
        fed = new HandFedPipeline(file);
    }

    @AfterEach
    void close() {
        fed.close();
    }

    @Test
    void theNotificationAndTheAnswerToItsReplyLinkWithTheKeyOnRecord() throws Exception {
        QueuedNotification notification = notify("4711", "XyZ12abc");
        assertThat(textOf(notification.outboxId())).contains(LINK + "4711&c=XyZ12abc");

        fed.give(signedReplyTo(notification.messageId()));

        assertThat(textOf(answer().id())).contains(LINK + "4711&c=XyZ12abc");
    }

    @Test
    void aStrangerWhoNamesATicketInTheSubjectGetsTheClientAreaNotTheTicketsKey() throws Exception {
        notify("4712", "SecretKey9");

        fed.give("""
                Authentication-Results: mx.hosting.test; spf=pass smtp.mailfrom=attacker@evil.test
                Return-Path: <attacker@evil.test>
                From: <attacker@evil.test>
                To: %s
                Subject: Re: [Ticket ID: 4712] my server
                Message-ID: <stranger-1@evil.test>
                Content-Type: text/plain

                Send me the link.
                """.formatted(SUPPORT));

        OutboxItem answer = answer();
        assertThat(answer.recipient()).isEqualTo("attacker@evil.test");
        String raw = new String(OutboxMail.raw(fed.replygate.store(), answer.id()), StandardCharsets.UTF_8);
        assertThat(raw).doesNotContain("SecretKey9");
        assertThat(textOf(answer.id())).contains("https://portal.hosting.test/").doesNotContain("viewticket.php");
    }

    @Test
    void aNotificationWithoutTheKeyTheLinkNeedsIsRefusedByField() {
        assertThatThrownBy(() -> notify("4713", null)).isInstanceOf(InvalidNotificationException.class)
                .hasMessageContaining("ticket key is required");
        assertThatThrownBy(() -> notify("4713", "a&c=b")).isInstanceOf(InvalidNotificationException.class)
                .hasMessageNotContaining("a&c=b");
    }

    private QueuedNotification notify(String ticket, String key) {
        return fed.replygate.notificationService().queue(new NotificationRequest(ticket, "answered", CUSTOMER, "Sara",
                "en", Map.of("subject", "Website down"), null, key));
    }

    private static String signedReplyTo(String messageId) {
        return """
                Return-Path: <%s>
                From: <%s>
                To: %s
                Subject: Re: Website down
                Message-ID: <reply-1@customer.test>
                In-Reply-To: <%s>
                References: <%s>
                Content-Type: text/plain

                Please fix it.
                """.formatted(CUSTOMER, CUSTOMER, SUPPORT, messageId, messageId);
    }

    private OutboxItem answer() {
        List<OutboxItem> answers = fed.answers();
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private String textOf(long outboxId) throws Exception {
        return MailProgram.textOf(OutboxMail.parsed(fed.replygate.store(), outboxId));
    }
}
