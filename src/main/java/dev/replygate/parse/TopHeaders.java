package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import dev.replygate.parse.ParsedMail.Header;
import dev.replygate.parse.ParsedMail.Mailbox;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;

import java.util.ArrayList;
import java.util.List;

/** The top-level header fields of a message, and what they say about addresses, ids and subject. */
final class TopHeaders {

    private final int maxBytes;
    private final Problems problems;
    private final FieldText text;
    private final Mailboxes mailboxes;

    private final List<Header> headers = new ArrayList<>();
    private final List<String> inReplyTo = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private final List<Mailbox> from = new ArrayList<>();
    private final List<Mailbox> replyTo = new ArrayList<>();
    private final List<Mailbox> recipients = new ArrayList<>();
    private long bytes;
    private String messageId;
    private boolean messageIdSeen;
    private String returnPath;
    private boolean returnPathSeen;
    private Mailbox sender;
    private String subject;

    TopHeaders(ParseLimits limits, Problems problems) {
        this.maxBytes = limits.maxHeaderBytes();
        this.problems = problems;
        this.text = new FieldText(limits, problems);
        this.mailboxes = new Mailboxes(text, problems);
    }

    void add(Field field) throws InputRejected {
        ByteSequence raw = field.getRaw();
        bytes += raw == null ? field.getName().length() + (field.getBody() == null ? 0 : field.getBody().length()) : raw.length();
        if (bytes > maxBytes) {
            throw new InputRejected("header larger than " + maxBytes + " bytes (ParseLimits.maxHeaderBytes)");
        }
        String name = HeaderText.received(field.getName());
        String value = text.unfolded(field);
        String decoded = text.decoded(name, value);
        headers.add(new Header(name, decoded));
        switch (field.getNameLowerCase()) {
            case "message-id" -> messageId(value);
            case "in-reply-to" -> inReplyTo.addAll(MessageIds.all(value));
            case "references" -> references.addAll(MessageIds.all(value));
            case "return-path" -> returnPath(value);
            case "from" -> from.addAll(mailboxes.parse(name, value));
            case "sender" -> sender(name, value);
            case "reply-to" -> replyTo.addAll(mailboxes.parse(name, value));
            case "to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc" ->
                    recipients.addAll(mailboxes.parse(name, value));
            case "subject" -> {
                if (subject == null) {
                    subject = decoded;
                }
            }
            default -> {
                // kept in the header list only
            }
        }
    }

    private void messageId(String value) {
        if (messageIdSeen) {
            problems.add("more than one Message-ID, the first is used");
            return;
        }
        messageIdSeen = true;
        messageId = MessageIds.first(value);
        if (messageId == null) {
            problems.add("Message-ID: no id readable");
        }
    }

    /** The first Return-Path is the one the last MTA added. */
    private void returnPath(String value) throws InputRejected {
        if (!returnPathSeen) {
            returnPathSeen = true;
            returnPath = mailboxes.returnPath(value);
        }
    }

    private void sender(String name, String value) throws InputRejected {
        if (sender == null) {
            List<Mailbox> parsed = mailboxes.parse(name, value);
            sender = parsed.isEmpty() ? null : parsed.get(0);
        }
    }

    boolean isEmpty() {
        return headers.isEmpty();
    }

    List<Header> headers() {
        return List.copyOf(headers);
    }

    String messageId() {
        return messageId;
    }

    List<String> inReplyTo() {
        return List.copyOf(inReplyTo);
    }

    List<String> references() {
        return List.copyOf(references);
    }

    String returnPath() {
        return returnPath;
    }

    List<Mailbox> from() {
        return List.copyOf(from);
    }

    Mailbox sender() {
        return sender;
    }

    List<Mailbox> replyTo() {
        return List.copyOf(replyTo);
    }

    List<Mailbox> recipients() {
        return List.copyOf(recipients);
    }

    String subject() {
        return subject == null ? "" : subject;
    }
}
