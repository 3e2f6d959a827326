package dev.replygate.parse;

import dev.replygate.text.HeaderText;

import dev.replygate.parse.ParsedMail.Mailbox;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.apache.james.mime4j.field.address.TokenMgrError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The mailboxes of an address header (From, To, Return-Path…), read strictly if it is well-formed, else leniently. */
final class Mailboxes {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final FieldText text;
    private final Problems problems;

    Mailboxes(FieldText text, Problems problems) {
        this.text = text;
        this.problems = problems;
    }

    /** Every mailbox of the address list {@code value} of header {@code name}, groups flattened. */
    List<Mailbox> parse(String name, String value) throws InputRejected {
        if (value.isBlank()) {
            return List.of();
        }
        AddressList addresses;
        try {
            addresses = StrictAddressLists.parse(value);
        } catch (ParseException | TokenMgrError | RuntimeException notWellFormed) {
            // the strict grammar only tells whether the field is well-formed; what it cannot read, the lenient one reads
            problems.add(name + ": not a well-formed address list, read leniently");
            try {
                addresses = LenientAddressParser.DEFAULT.parseAddressList(value);
            } catch (RuntimeException unreadable) {
                problems.add(name + ": no address readable");
                return List.of();
            }
        }
        List<Mailbox> mailboxes = new ArrayList<>(addresses.size());
        for (org.apache.james.mime4j.dom.address.Mailbox mailbox : addresses.flatten()) {
            Mailbox converted = convert(name, mailbox);
            if (converted != null) {
                mailboxes.add(converted);
            }
        }
        return List.copyOf(mailboxes);
    }

    /**
     * The Return-Path address: {@code ""} for the null path {@code <>}, and for an empty field (an
     * MTA that had no reverse path to write), null when it holds no usable address (none readable, or
     * one longer than {@link ParsedMail#MAX_ADDRESS_LENGTH}).
     */
    String returnPath(String value) throws InputRejected {
        String compact = WHITESPACE.matcher(value).replaceAll("");
        if (compact.equals("<>")) {
            return "";
        }
        if (compact.isEmpty()) {
            problems.add("Return-Path: empty, taken as the null path <>");
            return "";
        }
        List<Mailbox> mailboxes = parse("Return-Path", value);
        if (mailboxes.isEmpty()) {
            problems.add("Return-Path: no usable address");
            return null;
        }
        return mailboxes.get(0).address();
    }

    /**
     * A mailbox with its name's runs of whitespace made one space. One with the null address
     * ({@code MAILER-DAEMON <>}) is kept when it has a name: that name says who sent it.
     */
    private Mailbox convert(String header, org.apache.james.mime4j.dom.address.Mailbox mailbox) throws InputRejected {
        String local = mailbox.getLocalPart() == null ? "" : HeaderText.received(mailbox.getLocalPart()).strip();
        String domain = mailbox.getDomain() == null ? "" : HeaderText.received(mailbox.getDomain()).strip();
        String name = mailbox.getName() == null ? "" : HeaderText.received(mailbox.getName()).strip();
        if (name.contains("=?")) {
            name = text.decoded(header, name);
        }
        name = WHITESPACE.matcher(name).replaceAll(" ");
        if (local.isEmpty()) {
            if (name.isEmpty()) {
                problems.add(header + ": an empty address dropped");
                return null;
            }
            problems.add(header + ": the null address <> of " + name);
            return new Mailbox("", name);
        }
        String address = domain.isEmpty() ? local : local + "@" + domain.toLowerCase(Locale.ROOT);
        if (address.length() > ParsedMail.MAX_ADDRESS_LENGTH) {
            // no mail system delivers to it, and every column and check downstream assumes the limit
            problems.add(header + ": an address longer than " + ParsedMail.MAX_ADDRESS_LENGTH + " characters dropped ("
                    + address.length() + ")");
            return null;
        }
        return new Mailbox(address, name);
    }
}
