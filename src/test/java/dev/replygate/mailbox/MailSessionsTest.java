package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.config.MailboxConfig.Protocol;
import dev.replygate.config.MailboxConfig.Security;
import dev.replygate.config.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The session properties are the security and boundedness of every connection, so each is checked. */
class MailSessionsTest {

    private static MailboxConfig mailbox(Protocol protocol, Security security) {
        return new MailboxConfig("support", protocol, "mail.example.org", 993, security, "support@example.org",
                Secret.of("pw"), "INBOX", Duration.ofMinutes(1), true, 100, false, MailboxConfig.NewMail.REDIRECT,
                List.of(), null);
    }

    @Test
    void imapOverTlsChecksTheServerIdentityAndNeverSetsSeen() {
        Properties properties = MailSessions.properties(mailbox(Protocol.IMAP, Security.TLS), Duration.ofSeconds(90));

        assertThat(properties).containsEntry("mail.imap.ssl.enable", "true")
                .containsEntry("mail.imap.ssl.checkserveridentity", "true")
                .containsEntry("mail.imap.peek", "true")
                .containsEntry("mail.imap.partialfetch", "true")
                .containsEntry("mail.imap.fetchsize", "131072")
                .containsEntry("mail.imap.connectiontimeout", "30000")
                .containsEntry("mail.imap.timeout", "90000")
                .containsEntry("mail.imap.writetimeout", "90000")
                .doesNotContainKey("mail.imap.starttls.enable");
    }

    @Test
    void startTlsIsRequiredNotMerelyTried() {
        Properties properties = MailSessions.properties(mailbox(Protocol.IMAP, Security.STARTTLS), Duration.ofMinutes(2));

        assertThat(properties).containsEntry("mail.imap.starttls.enable", "true")
                .containsEntry("mail.imap.starttls.required", "true")
                .containsEntry("mail.imap.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.imap.ssl.enable");
    }

    @Test
    void pop3StreamsThroughTheFileCache() {
        Properties properties = MailSessions.properties(mailbox(Protocol.POP3, Security.TLS), Duration.ofMinutes(2));

        assertThat(properties).containsEntry("mail.pop3.ssl.enable", "true")
                .containsEntry("mail.pop3.filecache.enable", "true")
                .containsEntry("mail.pop3.timeout", "120000")
                .doesNotContainKey("mail.imap.peek");
    }

    @Test
    void plainConnectionsEnableNoTls() {
        Properties properties = MailSessions.properties(mailbox(Protocol.POP3, Security.NONE), Duration.ofMinutes(2));

        assertThat(properties).doesNotContainKeys("mail.pop3.ssl.enable", "mail.pop3.starttls.enable");
    }
}
