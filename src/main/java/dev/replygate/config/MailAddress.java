package dev.replygate.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * A validated mail address with an optional display name.
 *
 * @param address     the addr-spec, {@code local@domain}
 * @param displayName the display name; empty for none
 */
public record MailAddress(String address, String displayName) {

    /**
     * Parses exactly one address, {@code local@domain} or {@code Display Name <local@domain>}, with
     * jakarta.mail's strict syntax check; the domain must be a host name.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static MailAddress parse(String text) {
        if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("a mail address must be on one line");
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(text, true);
            parsed.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("`" + text + "` is not a mail address: " + e.getMessage());
        }
        if (parsed.isGroup()) {
            throw new IllegalArgumentException("`" + text + "` is a group; give one address");
        }
        String address = parsed.getAddress();
        if (!Hostnames.isHostname(address.substring(address.lastIndexOf('@') + 1))) {
            throw new IllegalArgumentException("`" + text + "` is not a mail address: its domain is not a host name");
        }
        String displayName = parsed.getPersonal() == null ? "" : parsed.getPersonal();
        if (displayName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("`" + text + "` has control characters in its display name");
        }
        return new MailAddress(address, displayName);
    }

    public String localPart() {
        return address.substring(0, address.lastIndexOf('@'));
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        return displayName.isEmpty() ? address : displayName + " <" + address + ">";
    }
}
