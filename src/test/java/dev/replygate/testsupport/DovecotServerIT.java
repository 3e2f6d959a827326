package dev.replygate.testsupport;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class DovecotServerIT {

    @Test
    void servesItsUserOverImapOnLoopbackAndKeepsWhatIsAppended() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start()) {
            Session session = Session.getInstance(new Properties());
            Store store = session.getStore("imap");
            try {
                store.connect("127.0.0.1", dovecot.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD);
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError("login failed; Dovecot's log:\n" + dovecot.log(), e);
            }
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(
                        "Message-ID: <probe@test>\r\nSubject: probe\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)));
                inbox.appendMessages(new Message[] {message});
                assertThat(inbox.getMessageCount()).as(dovecot.log()).isEqualTo(1);
                assertThat(((MimeMessage) inbox.getMessage(1)).getMessageID()).isEqualTo("<probe@test>");
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }
}
