package dev.replygate.outbound;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks bare addresses (addr-spec) that go into SMTP commands or address headers. */
final class Mailboxes {

    static final int MAX_LENGTH = 320;

    private Mailboxes() {
    }

    /** Returns {@code address} when it is one plain {@code local@domain}; throws IllegalArgumentException otherwise. */
    static String require(String address, String what) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " must be an address of 1 to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>') {
                throw new IllegalArgumentException(what + " must be a bare address without spaces, control characters"
                        + " or angle brackets: " + HeaderText.clean(address));
            }
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            if (parsed.isGroup() || !address.equals(parsed.getAddress()) || address.indexOf('@') <= 0) {
                throw new IllegalArgumentException(what + " is not a single address: " + address);
            }
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not an address: " + address + " (" + e.getMessage() + ")",
                    e);
        }
        return address;
    }
}
