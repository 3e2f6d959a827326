package dev.replygate.inbound;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.replygate.demo.GreenMailNullSender;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The mail world of an end-to-end test: one real mail server (GreenMail: SMTP, IMAP and POP3 on free
 * loopback ports) holding the support mailboxes and the customers' mailboxes, and the customers' side
 * of it: sending by SMTP as a mail program does, and reading a mailbox over IMAP. Each mailbox's login
 * is its address and its password is {@link #password}. GreenMail is made to accept the null envelope
 * sender ({@link GreenMailNullSender}), which replygate's answers use.
 */
final class MailWorld implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** GreenMail's hierarchy separator: replygate's {@code replygate/Redirected} is this folder. */
    static final String REDIRECTED = "replygate.Redirected";
    static final String IGNORED = "replygate.Ignored";
    static final String QUARANTINE = "replygate.Quarantine";
    private static final String TIMEOUT_MS = "20000";

    private final GreenMail greenMail;

    MailWorld() {
        GreenMailNullSender.install();
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, HOST, ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, HOST, ServerSetup.PROTOCOL_IMAP).dynamicPort(),
            new ServerSetup(0, HOST, ServerSetup.PROTOCOL_POP3).dynamicPort()});
        greenMail.start();
    }

    static String password(String address) {
        return "pw-" + address;
    }

    /** Creates the mailbox of {@code address}. */
    MailWorld addMailbox(String address) {
        greenMail.setUser(address, address, password(address));
        return this;
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    /**
     * Sends {@code message} by SMTP as written, with {@code envelopeFrom} as the envelope sender (never
     * copied: a message over a file is streamed from the file).
     */
    void send(MimeMessage message, String envelopeFrom, String recipient) throws MessagingException {
        Session session = smtpSession(envelopeFrom);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(HOST, smtpPort(), null, null);
            transport.sendMessage(message, new InternetAddress[] {new InternetAddress(recipient)});
        }
    }

    /** Sends the raw message {@code raw} by SMTP byte for byte (line ends made CRLF, dots stuffed). */
    void sendRaw(byte[] raw, String envelopeFrom, String recipient) throws MessagingException {
        send(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)), envelopeFrom,
                recipient);
    }

    /**
     * Sends the message in {@code file} by SMTP, streamed from the file: only its header is parsed, its
     * body is never held in memory on the sending side.
     */
    void sendFile(Path file, String envelopeFrom, String recipient) throws MessagingException, IOException {
        try (SharedFileInputStream in = new SharedFileInputStream(file.toFile())) {
            send(new MimeMessage(Session.getInstance(new Properties()), in), envelopeFrom, recipient);
        }
    }

    /** Appends {@code raws} to {@code folder} (created when missing) of {@code address} with one IMAP APPEND. */
    void append(String address, String folder, List<byte[]> raws) throws MessagingException {
        try (Store store = imap(address)) {
            Folder target = store.getFolder(folder);
            if (!target.exists()) {
                target.create(Folder.HOLDS_MESSAGES);
            }
            Session session = Session.getInstance(new Properties());
            Message[] messages = new Message[raws.size()];
            for (int i = 0; i < raws.size(); i++) {
                messages[i] = new MimeMessage(session, new ByteArrayInputStream(raws.get(i)));
            }
            target.appendMessages(messages);
        }
    }

    /**
     * Puts {@code raws} into {@code folder} (created when missing) of {@code address} from the server's
     * side, as its delivery agent would: no protocol round trip per message (GreenMail answers each IMAP
     * command only after some 50 ms, so an APPEND per message of a big corpus takes long).
     */
    void deliverDirectly(String address, String folder, List<byte[]> raws) throws Exception {
        MailFolder target = hosts().getFolder(user(address), folder);
        if (target == null) {
            target = hosts().createMailbox(user(address), folder);
        }
        Session session = Session.getInstance(new Properties());
        for (byte[] raw : raws) {
            target.appendMessage(new MimeMessage(session, new ByteArrayInputStream(raw)), new Flags(), new java.util.Date());
        }
    }

    /** Every message in {@code folder} of {@code address}, read over IMAP as a mail program does, oldest first. */
    List<Received> read(String address, String folder) throws MessagingException, IOException {
        try (Store store = imap(address)) {
            Folder source = store.getFolder(folder);
            if (!source.exists()) {
                return List.of();
            }
            source.open(Folder.READ_ONLY);
            try {
                List<Received> received = new ArrayList<>();
                for (Message message : source.getMessages()) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    message.writeTo(raw);
                    received.add(new Received(raw.toByteArray()));
                }
                return received;
            } finally {
                source.close(false);
            }
        }
    }

    List<Received> inbox(String address) throws MessagingException, IOException {
        return read(address, "INBOX");
    }

    /** The one message in the INBOX of {@code address}; fails when it holds none or more. */
    MimeMessage onlyMessage(String address) throws MessagingException, IOException {
        List<Received> inbox = inbox(address);
        if (inbox.size() != 1) {
            throw new IllegalStateException("the inbox of " + address + " holds " + inbox.size() + " messages, not 1");
        }
        return inbox.get(0).message();
    }

    /** What {@code address} received from an auto-responder (replygate's redirects): Auto-Submitted: auto-replied. */
    List<MimeMessage> autoReplies(String address) throws MessagingException, IOException {
        List<MimeMessage> out = new ArrayList<>();
        for (Received received : inbox(address)) {
            MimeMessage message = received.message();
            if ("auto-replied".equals(message.getHeader("Auto-Submitted", null))) {
                out.add(message);
            }
        }
        return out;
    }

    /** The Message-IDs in {@code folder} of {@code address}, as the server stores them; empty when it does not exist. */
    List<String> messageIds(String address, String folder) throws MessagingException {
        List<String> ids = new ArrayList<>();
        for (StoredMessage message : stored(address, folder)) {
            ids.add(message.getMimeMessage().getMessageID());
        }
        return ids;
    }

    /** The messages of {@code folder} of {@code address}, as the server stores them. */
    List<StoredMessage> stored(String address, String folder) {
        MailFolder mailFolder = hosts().getFolder(user(address), folder);
        return mailFolder == null ? List.of() : mailFolder.getMessages();
    }

    /** Every folder of {@code address} with each message's UID, Message-ID and flags, from the server's side. */
    Map<String, List<String>> snapshot(String address) throws Exception {
        Map<String, List<String>> folders = new TreeMap<>();
        for (MailFolder folder : hosts().listMailboxes(user(address), "*")) {
            List<String> messages = new ArrayList<>();
            for (StoredMessage message : folder.getMessages()) {
                messages.add(message.getUid() + " " + message.getMimeMessage().getMessageID() + " "
                        + describe(message.getFlags()));
            }
            folders.put(folder.getFullName() + " uidvalidity=" + folder.getUidValidity(), messages);
        }
        return folders;
    }

    /** How many messages the server holds in all mailboxes together. */
    int totalMessages() {
        return greenMail.getReceivedMessages().length;
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

    private GreenMailUser user(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            throw new IllegalArgumentException("no mailbox " + address);
        }
        return user;
    }

    private ImapHostManager hosts() {
        return greenMail.getManagers().getImapHostManager();
    }

    private Store imap(String address) throws MessagingException {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", TIMEOUT_MS);
        properties.setProperty("mail.imap.timeout", TIMEOUT_MS);
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect(HOST, imapPort(), address, password(address));
        return store;
    }

    private static Session smtpSession(String envelopeFrom) {
        if (envelopeFrom == null || envelopeFrom.isBlank()) {
            throw new IllegalArgumentException("the tests' mail programs send with an envelope sender");
        }
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.from", envelopeFrom);
        properties.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
        properties.setProperty("mail.smtp.timeout", TIMEOUT_MS);
        properties.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
        properties.setProperty("mail.smtp.localhost", "mail.customer.test");
        return Session.getInstance(properties);
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** A message as a mailbox holds it: its bytes, and a parsed view. */
    record Received(byte[] raw) {

        MimeMessage message() {
            try (InputStream in = new ByteArrayInputStream(raw)) {
                return new MimeMessage(Session.getInstance(new Properties()), in);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException("cannot parse a received message", e);
            }
        }

        String header(String name) {
            try {
                String value = message().getHeader(name, null);
                return value == null ? null : value.strip();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
