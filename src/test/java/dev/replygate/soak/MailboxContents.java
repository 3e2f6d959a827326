package dev.replygate.soak;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The mail server's side of the soak: appends what customers send, and lists where every message ended up. */
final class MailboxContents implements AutoCloseable {

    private final Session session = Session.getInstance(new Properties());
    private final Store store;

    MailboxContents(int port, String user, String password) throws MessagingException {
        store = session.getStore("imap");
        store.connect("127.0.0.1", port, user, password);
    }

    /** Delivers {@code messages} to the INBOX, as the MX would. */
    void deliver(List<SoakMail.Message> messages) throws MessagingException {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        try {
            inbox.appendMessages(messages.stream().map(SoakMail.Message::mime).toArray(Message[]::new));
        } finally {
            inbox.close(false);
        }
    }

    /** Every folder's messages, by Message-ID: folder name → Message-IDs, copies kept. */
    Map<String, List<String>> messageIdsByFolder() throws MessagingException {
        Map<String, List<String>> folders = new LinkedHashMap<>();
        for (Folder folder : store.getDefaultFolder().list("*")) {
            if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                continue;
            }
            folder.open(Folder.READ_ONLY);
            try {
                Message[] messages = folder.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add("Message-ID");
                folder.fetch(messages, profile);
                List<String> ids = new ArrayList<>();
                for (Message message : messages) {
                    ids.add(((MimeMessage) message).getMessageID());
                }
                folders.put(folder.getFullName(), ids);
            } finally {
                folder.close(false);
            }
        }
        return folders;
    }

    @Override
    public void close() throws MessagingException {
        store.close();
    }
}
