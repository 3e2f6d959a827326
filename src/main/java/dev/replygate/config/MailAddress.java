package dev.replygate.config;

/**
 * A validated mail address with an optional display name.
 *
 * @param address     the addr-spec, {@code local@domain}
 * @param displayName the display name; empty for none
 */
public record MailAddress(String address, String displayName) {

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
