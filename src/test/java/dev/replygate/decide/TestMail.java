package dev.replygate.decide;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link ParsedMail} values for the guards' tests: headers in order, addresses, Return-Path. */
final class TestMail {

    private final List<ParsedMail.Header> headers = new ArrayList<>();
    private final List<ParsedMail.Mailbox> from = new ArrayList<>();
    private final List<ParsedMail.Mailbox> recipients = new ArrayList<>();
    private String returnPath;

    private TestMail() {
    }

    /** A message from {@code sender} to {@code support@ours.example}, Return-Path {@code sender}. */
    static TestMail from(String sender) {
        return new TestMail().sender(sender).returnPath(sender).to("support@ours.example");
    }

    static TestMail empty() {
        return new TestMail();
    }

    TestMail sender(String address) {
        from.add(new ParsedMail.Mailbox(address, ""));
        return this;
    }

    /** {@code ""} is the null path {@code <>}, null no Return-Path at all. */
    TestMail returnPath(String address) {
        returnPath = address;
        return this;
    }

    TestMail to(String address) {
        recipients.add(new ParsedMail.Mailbox(address, ""));
        return this;
    }

    TestMail header(String name, String value) {
        headers.add(new ParsedMail.Header(name, value));
        return this;
    }

    TestMail authResults(String value) {
        return header("Authentication-Results", value);
    }

    ParsedMail build() {
        return new ParsedMail(List.copyOf(headers), "inbound-1@sender.example", List.of(), List.of(), returnPath,
                List.copyOf(from), null, List.of(), List.copyOf(recipients), "Re: your ticket", "text/plain", null,
                "thanks", false, List.of(), List.of(), List.of(), 1000, List.of());
    }
}
