package dev.replygate.mailbox;

import dev.replygate.config.MailboxConfig;
import dev.replygate.testsupport.DovecotServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Another IMAP client of a {@link DovecotServer} mailbox: fills it, looks into it, and moves messages behind our back. */
final class DovecotMailbox implements AutoCloseable {

    private final DovecotServer server;
    private final Session session = Session.getInstance(new Properties());
    private final Store store;

    DovecotMailbox(DovecotServer server) throws MessagingException {
        this.server = server;
        this.store = session.getStore("imap");
        store.connect(TestMailServer.LOOPBACK, server.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD);
    }

    /** The documented defaults, pointing at the Dovecot server's INBOX. */
    MailboxConfig config() {
        return TestMailboxes.imap(server.imapPort(), DovecotServer.USER, DovecotServer.PASSWORD);
    }

    void deliver(String raw) throws MessagingException {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        try {
            inbox.appendMessages(new Message[] {new MimeMessage(session,
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)))});
        } finally {
            inbox.close(false);
        }
    }

    /** The Message-IDs in {@code folder} (with {@code /} between levels), in UID order; empty when it does not exist. */
    List<String> messageIds(String path) throws MessagingException {
        Folder folder = ImapFolders.onServer(store, path);
        List<String> ids = new ArrayList<>();
        if (!folder.exists()) {
            return ids;
        }
        folder.open(Folder.READ_ONLY);
        try {
            for (Message message : folder.getMessages()) {
                ids.add(((MimeMessage) message).getMessageID());
            }
        } finally {
            folder.close(false);
        }
        return ids;
    }

    /** Moves the messages with these Message-IDs from the INBOX to {@code path}, as a mail program would. */
    void moveAway(String path, List<String> messageIds) throws MessagingException {
        Folder target = ImapFolders.onServer(store, path);
        if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
        }
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        try {
            List<Message> chosen = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                if (messageIds.contains(((MimeMessage) message).getMessageID())) {
                    chosen.add(message);
                }
            }
            inbox.moveMessages(chosen.toArray(Message[]::new), target);
        } finally {
            inbox.close(false);
        }
    }

    @Override
    public void close() throws MessagingException {
        store.close();
    }
}
