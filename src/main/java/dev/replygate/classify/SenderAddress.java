package dev.replygate.classify;

import dev.replygate.address.MailAddress;
import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An address that says who sent a message (From, Sender or Return-Path), with SRS undone.
 *
 * @param header   where it came from: {@code From}, {@code Sender} or {@code Return-Path}
 * @param written  the address as written
 * @param original the address with SRS undone; equal to {@code written} for ordinary addresses
 */
record SenderAddress(String header, String written, String original) {

    /** Every sender address of {@code mail}: From mailboxes, Sender, then a non-null Return-Path. */
    static List<SenderAddress> of(ParsedMail mail) {
        List<SenderAddress> out = new ArrayList<>();
        if (mail.from() != null) {
            for (ParsedMail.Mailbox box : mail.from()) {
                add(out, "From", box == null ? null : box.address());
            }
        }
        if (mail.sender() != null) {
            add(out, "Sender", mail.sender().address());
        }
        add(out, "Return-Path", mail.returnPath());
        return out;
    }

    private static void add(List<SenderAddress> out, String header, String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        String written = address.strip();
        out.add(new SenderAddress(header, written, SrsAddresses.decode(written)));
    }

    /** The local part of the original address, lower case, without its {@code +tag} ({@link MailAddress#withoutTag}). */
    String localPart() {
        int at = original.lastIndexOf('@');
        return MailAddress.withoutTag(at < 0 ? original : original.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    /** {@code Header: address}, with the original address when SRS was undone. */
    String describe() {
        return header + ": " + written + (written.equals(original) ? "" : " (= " + original + ")");
    }
}
