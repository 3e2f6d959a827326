package dev.replygate.notify;

import dev.replygate.config.MailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks the recipient the portal gave. */
final class Addresses {

    private Addresses() {
    }

    static MailAddress parseRecipient(String address, String name) {
        if (address == null || address.isBlank() || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidNotificationException("recipient address is empty or has control characters");
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            parsed.validate();
            if (parsed.isGroup() || parsed.getPersonal() != null) {
                throw new InvalidNotificationException("recipient must be a bare address (give the name "
                        + "separately): " + address);
            }
            return new MailAddress(parsed.getAddress(), name == null ? "" : name.strip());
        } catch (AddressException e) {
            throw new InvalidNotificationException("recipient is not a valid address: " + address + " ("
                    + e.getMessage() + ")");
        }
    }
}
