package dev.replygate.mailbox;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A real IMAP and POP3 server (GreenMail) on free loopback ports with one mailbox, and a look at
 * that mailbox from the server's side, so tests see what replygate changed.
 */
final class TestMailServer implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    static final String ADDRESS = "support@replygate.test";
    static final String PASSWORD = "mailbox-password";

    private final GreenMail greenMail;
    private final GreenMailUser user;

    TestMailServer() {
        this(0);
    }

    /** With IMAP on {@code imapPort} (0: a free one), to start a server again where one was. */
    TestMailServer(int imapPort) {
        ServerSetup imap = imapPort == 0 ? new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_IMAP).dynamicPort()
                : new ServerSetup(imapPort, LOOPBACK, ServerSetup.PROTOCOL_IMAP);
        greenMail = new GreenMail(new ServerSetup[] {imap,
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_POP3).dynamicPort(),
            new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP).dynamicPort()});
        greenMail.start();
        user = greenMail.setUser(ADDRESS, ADDRESS, PASSWORD);
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    /** Delivers {@code raw} (an RFC 5322 message) to the INBOX, as the MTA would. */
    void deliver(String raw) {
        user.deliver(parse(raw));
    }

    /**
     * Sends {@code raw} to the mailbox through the server's SMTP port with envelope sender
     * {@code envelopeFrom}, as a remote MTA delivers it (GreenMail then writes Return-Path).
     */
    void sendOverSmtp(String envelopeFrom, String raw) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", LOOPBACK);
        properties.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        properties.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        Transport.send(message, new Address[] {new InternetAddress(ADDRESS)});
    }

    /** Appends {@code raw} to {@code folder}, created when missing. */
    void append(String folder, String raw) throws Exception {
        MailFolder target = hosts().getFolder(user, folder);
        if (target == null) {
            target = hosts().createMailbox(user, folder);
        }
        target.appendMessage(parse(raw), new Flags(), new Date());
    }

    void createFolder(String folder) throws Exception {
        hosts().createMailbox(user, folder);
    }

    /**
     * Deletes {@code folder} with its messages and creates it again, empty, with a new UIDVALIDITY
     * (GreenMail takes the creation time in seconds, so this waits for the next second).
     */
    void recreateFolder(String folder) throws Exception {
        long oldValidity = uidValidity(folder);
        hosts().deleteMailbox(user, folder);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() / 1000 > oldValidity);
        hosts().createMailbox(user, folder);
    }

    long uidValidity(String folder) {
        return hosts().getFolder(user, folder).getUidValidity();
    }

    /** Removes the messages flagged \Deleted from {@code folder}, as another client's EXPUNGE does. */
    void expunge(String folder) throws Exception {
        hosts().getFolder(user, folder).expunge();
    }

    /** The Message-IDs in {@code folder}, in UID order; empty when the folder does not exist. */
    List<String> messageIds(String folder) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (StoredMessage message : messages(folder)) {
            ids.add(message.getMimeMessage().getMessageID());
        }
        return ids;
    }

    /** The flags (system and user) of the message with {@code messageId} in {@code folder}. */
    List<String> flags(String folder, String messageId) throws MessagingException {
        for (StoredMessage message : messages(folder)) {
            if (messageId.equals(message.getMimeMessage().getMessageID())) {
                return describe(message.getFlags());
            }
        }
        throw new AssertionError(messageId + " is not in " + folder);
    }

    /** Every folder with each message's UID, Message-ID and flags, to compare before and after. */
    Map<String, List<String>> snapshot() throws Exception {
        Map<String, List<String>> folders = new TreeMap<>();
        for (MailFolder folder : hosts().listMailboxes(user, "*")) {
            List<String> messages = new ArrayList<>();
            for (StoredMessage message : folder.getMessages()) {
                messages.add(message.getUid() + " " + message.getMimeMessage().getMessageID() + " "
                        + describe(message.getFlags()));
            }
            folders.put(folder.getFullName() + " uidvalidity=" + folder.getUidValidity(), messages);
        }
        return folders;
    }

    /** The messages of {@code folder} as the server stores them; empty when the folder does not exist. */
    List<StoredMessage> folderMessages(String folder) {
        return messages(folder);
    }

    private List<StoredMessage> messages(String folder) {
        MailFolder mailFolder = hosts().getFolder(user, folder);
        return mailFolder == null ? List.of() : mailFolder.getMessages();
    }

    private static List<String> describe(Flags flags) {
        List<String> names = new ArrayList<>(Arrays.asList(flags.getUserFlags()));
        for (Flags.Flag flag : flags.getSystemFlags()) {
            names.add(flag == Flags.Flag.SEEN ? "\\Seen" : flag == Flags.Flag.DELETED ? "\\Deleted"
                    : flag == Flags.Flag.RECENT ? "\\Recent" : flag == Flags.Flag.ANSWERED ? "\\Answered"
                    : flag == Flags.Flag.FLAGGED ? "\\Flagged" : "\\Draft");
        }
        names.sort(null);
        return names;
    }

    private ImapHostManager hosts() {
        return greenMail.getManagers().getImapHostManager();
    }

    private static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a message: " + e.getMessage(), e);
        }
    }

    void stop() {
        greenMail.stop();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
