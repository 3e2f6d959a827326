package dev.replygate.decide;

import dev.replygate.classify.Reason;

import dev.replygate.parse.ParsedMail;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 3834 §2: answer only mail that names one of the mailbox's addresses among its recipients
 * (To, Cc, Bcc, Resent-To, Resent-Cc, Resent-Bcc); plus-addressed variants count. Mail that reached
 * the mailbox otherwise (a list, a Bcc copy through an alias, a forward) was not written to us.
 */
public final class AddressedToUs {

    public static final String NOT_ADDRESSED_TO_US = "not-addressed-to-us";

    private static final int LISTED = 10;

    private AddressedToUs() {
    }

    /** Why {@code mail} must not be answered from this mailbox; empty when it was addressed to it. */
    public static Optional<Reason> notAddressedToUs(ParsedMail mail, Set<String> mailboxAddresses) {
        AddressMatcher mailbox = new AddressMatcher(mailboxAddresses);
        List<String> recipients = mail.recipients().stream().map(ParsedMail.Mailbox::address).toList();
        if (recipients.stream().anyMatch(mailbox::matches)) {
            return Optional.empty();
        }
        return Optional.of(new Reason(NOT_ADDRESSED_TO_US, "recipients " + listed(recipients)
                + " name none of " + listed(mailbox.addresses().stream().sorted().toList())));
    }

    private static String listed(List<String> addresses) {
        if (addresses.isEmpty()) {
            return "(none)";
        }
        if (addresses.size() <= LISTED) {
            return String.join(", ", addresses);
        }
        return String.join(", ", addresses.subList(0, LISTED)) + " and " + (addresses.size() - LISTED) + " more";
    }
}
