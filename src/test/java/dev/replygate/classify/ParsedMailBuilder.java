package dev.replygate.classify;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link ParsedMail} values for tests: a plain human message by default (From, To, Return-Path
 * equal to From, a subject), changed one field or header at a time.
 */
final class ParsedMailBuilder {

    private final List<ParsedMail.Header> headers = new ArrayList<>();
    private String messageId = "abc.123@mail.customer.example";
    private final List<String> inReplyTo = new ArrayList<>();
    private final List<String> references = new ArrayList<>();
    private String returnPath = "alice@customer.example";
    private final List<ParsedMail.Mailbox> from = new ArrayList<>(List.of(new ParsedMail.Mailbox("alice@customer.example", "Alice")));
    private ParsedMail.Mailbox sender;
    private final List<ParsedMail.Mailbox> recipients = new ArrayList<>(List.of(new ParsedMail.Mailbox("support@host.example", "")));
    private String subject = "Re: my server is down";
    private String mimeType = "text/plain";
    private String reportType;
    private String text = "Hello, it is still down.";
    private final List<ParsedMail.PartInfo> parts = new ArrayList<>();
    private final List<String> deliveryStatus = new ArrayList<>();
    private final List<String> attachedHeaders = new ArrayList<>();

    static ParsedMailBuilder human() {
        return new ParsedMailBuilder();
    }

    ParsedMailBuilder header(String name, String value) {
        headers.add(new ParsedMail.Header(name, value));
        return this;
    }

    ParsedMailBuilder messageId(String id) {
        this.messageId = id;
        return this;
    }

    ParsedMailBuilder inReplyTo(String id) {
        inReplyTo.add(id);
        return this;
    }

    ParsedMailBuilder references(String... ids) {
        references.addAll(List.of(ids));
        return this;
    }

    /** {@code ""} for the null path, null for no Return-Path at all. */
    ParsedMailBuilder returnPath(String address) {
        this.returnPath = address;
        return this;
    }

    ParsedMailBuilder from(String address) {
        from.clear();
        from.add(new ParsedMail.Mailbox(address, ""));
        return this;
    }

    ParsedMailBuilder sender(String address) {
        this.sender = new ParsedMail.Mailbox(address, "");
        return this;
    }

    ParsedMailBuilder to(String address) {
        recipients.add(new ParsedMail.Mailbox(address, ""));
        return this;
    }

    ParsedMailBuilder subject(String subject) {
        this.subject = subject;
        return this;
    }

    ParsedMailBuilder mimeType(String mimeType) {
        this.mimeType = mimeType;
        return this;
    }

    ParsedMailBuilder report(String reportType) {
        this.mimeType = "multipart/report";
        this.reportType = reportType;
        return this;
    }

    ParsedMailBuilder text(String text) {
        this.text = text;
        return this;
    }

    ParsedMailBuilder part(String mimeType) {
        parts.add(new ParsedMail.PartInfo(mimeType, null, null, null, 100));
        return this;
    }

    ParsedMailBuilder deliveryStatus(String fields) {
        parts.add(new ParsedMail.PartInfo("message/delivery-status", null, null, null, fields.length()));
        deliveryStatus.add(fields);
        return this;
    }

    ParsedMailBuilder attachedHeaders(String block) {
        parts.add(new ParsedMail.PartInfo("text/rfc822-headers", null, null, null, block.length()));
        attachedHeaders.add(block);
        return this;
    }

    ParsedMail build() {
        List<ParsedMail.Header> all = new ArrayList<>();
        if (returnPath != null) {
            all.add(new ParsedMail.Header("Return-Path", returnPath.isEmpty() ? "<>" : "<" + returnPath + ">"));
        }
        from.forEach(box -> all.add(new ParsedMail.Header("From", box.address())));
        all.add(new ParsedMail.Header("Subject", subject));
        all.addAll(headers);
        return new ParsedMail(all, messageId, inReplyTo, references, returnPath, from, sender, List.of(), recipients,
                subject, mimeType, reportType, text, false, parts, deliveryStatus, attachedHeaders, 1000, List.of());
    }
}
