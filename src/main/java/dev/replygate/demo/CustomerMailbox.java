package dev.replygate.demo;

import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads a customer's inbox over IMAP, as the customer's mail program would. */
final class CustomerMailbox {

    private final String host;
    private final int port;
    private final String address;

    CustomerMailbox(String host, int port, String address) {
        this.host = host;
        this.port = port;
        this.address = address;
    }

    /** Everything in the inbox, oldest first. */
    List<ReceivedMail> read() throws MessagingException, IOException {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.connectiontimeout", "10000");
        properties.setProperty("mail.imap.timeout", "10000");
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect(host, port, address, address);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<ReceivedMail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(new ReceivedMail(message.getSubject(), fromOf(message), textOf(message),
                            header(message, "Message-ID"), header(message, "In-Reply-To"),
                            header(message, "Auto-Submitted")));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static String fromOf(Message message) throws MessagingException {
        Address[] from = message.getFrom();
        if (from == null || from.length == 0) {
            return "";
        }
        return from[0] instanceof InternetAddress internet ? internet.toUnicodeString() : from[0].toString();
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? "" : values[0];
    }

    /** The first text/plain part, decoded; empty when there is none. */
    static String textOf(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = textOf(multipart.getBodyPart(i));
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return "";
    }

    /** One message as the customer sees it. */
    record ReceivedMail(String subject, String from, String text, String messageId, String inReplyTo,
                        String autoSubmitted) {
    }
}
