package dev.replygate.cli;

import dev.replygate.testsupport.DovecotServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mailbox test} of a mailbox in keyword mode on a real Dovecot, which rightly announces no permanent flags
 * on a read-only open (EXAMINE): the check asks on a read-write open, passes, and leaves the message as it was.
 */
class KeywordModeProbeOnDovecotIT {

    @TempDir
    Path folder;

    @Test
    void aKeywordMailboxOnDovecotPassesTheSelfTestAndChangesNoMessage() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start()) {
            Session session = Session.getInstance(new Properties());
            Store store = session.getStore("imap");
            store.connect("127.0.0.1", dovecot.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                inbox.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream("""
                        From: customer@example.net\r
                        To: support@example.com\r
                        Subject: hello\r
                        Message-ID: <1.keyword-probe@example.net>\r
                        \r
                        a question\r
                        """.getBytes(StandardCharsets.US_ASCII)))});
                inbox.close(false);
                Path config = TestConfigFile.write(folder, 25);
                Files.writeString(config, """
                        mailboxes:
                          - name: support
                            host: 127.0.0.1
                            port: %d
                            security: none
                            username: %s
                            password: %s
                            addresses: [support@example.com]
                            disposition:
                              mode: keyword
                        """.formatted(dovecot.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD),
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

                InProcessCli.Run run = InProcessCli.run("mailbox", "test", "support", "--config", config.toString());

                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(run.out()).contains("INBOX: 1 message(s), opened read-only")
                        .contains("ok   disposition   keywords replygate-… can be set on INBOX (selected read-write to"
                                + " ask, closed without expunging)")
                        .contains("result: ok");
                inbox.open(Folder.READ_ONLY);
                try {
                    assertThat(inbox.getMessageCount()).isEqualTo(1);
                    Flags flags = inbox.getMessage(1).getFlags();
                    assertThat(flags.getUserFlags()).isEmpty();
                    assertThat(flags.contains(Flags.Flag.SEEN)).isFalse();
                    assertThat(flags.contains(Flags.Flag.DELETED)).isFalse();
                } finally {
                    inbox.close(false);
                }
            } finally {
                store.close();
            }
        }
    }
}
