package dev.replygate.address;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.Locale;
import java.util.Optional;

/**
 * A mail address with an optional display name: the one type for the addresses of the
 * configuration, of notifications, of answers and of the outbox.
 *
 * <p>{@link #parse} and {@link #plain} validate what they are given with jakarta.mail's strict
 * RFC 5322 parser; the record itself holds whatever it is given, so that code which writes an
 * address into a message (outbound's composer) checks it again with {@link #plain}. The static
 * methods below {@link #plain} read addresses as strangers write them (angle brackets, quotes, case,
 * a {@code +tag}) without validating them.
 *
 * @param address     the addr-spec, {@code local@domain}
 * @param displayName the display name; empty for none
 */
public record MailAddress(String address, String displayName) {

    /** RFC 5321 §4.5.3.1: a local part of 64 and a domain of 255 characters; no mail system takes a longer one. */
    public static final int MAX_LENGTH = 320;

    /** RFC 5233 subaddress separator. */
    private static final char TAG = '+';

    /**
     * Parses exactly one address, {@code local@domain} or {@code Display Name <local@domain>}, with
     * jakarta.mail's strict syntax check; the domain must be a host name (no address literal such as
     * {@code [192.0.2.1]}) and the address at most {@link #MAX_LENGTH} characters.
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
        if (address.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(tooLong());
        }
        if (!DomainNames.isHostname(address.substring(address.lastIndexOf('@') + 1))) {
            throw new IllegalArgumentException("`" + text + "` is not a mail address: its domain is not a host name");
        }
        String displayName = parsed.getPersonal() == null ? "" : parsed.getPersonal();
        if (displayName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("`" + text + "` has control characters in its display name");
        }
        return new MailAddress(address, displayName);
    }

    /**
     * Parses exactly one plain {@code local@domain} as {@link #parse} does, written as it is: no display
     * name, angle brackets, comment, group, list, control character or surrounding space. This is the
     * check for an address that goes into an SMTP command or becomes a recipient.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static MailAddress plain(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("no address");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(tooLong());
        }
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("control characters in the address");
        }
        MailAddress parsed = parse(text);
        if (!parsed.displayName().isEmpty() || !parsed.address().equals(text)) {
            throw new IllegalArgumentException("`" + text + "` is not a plain addr-spec");
        }
        return parsed;
    }

    /** What {@link #plain} finds wrong with {@code text}; empty when it is a plain address. */
    public static Optional<String> problemOfPlain(String text) {
        try {
            plain(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static String tooLong() {
        return "an address longer than " + MAX_LENGTH + " characters";
    }

    /** This address with {@code name} (stripped; none when null) as its display name. */
    public MailAddress withDisplayName(String name) {
        return new MailAddress(address, name == null ? "" : name.strip());
    }

    public String localPart() {
        return address.substring(0, address.lastIndexOf('@'));
    }

    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** {@code text} stripped, without the angle brackets around it if it has them. */
    public static String unbracketed(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.startsWith("<") && stripped.endsWith(">") ? stripped.substring(1, stripped.length() - 1)
                : stripped;
    }

    /**
     * A local part without its {@code +tag} (RFC 5233 subaddress): {@code postmaster+bounce} is
     * {@code postmaster}. Only {@code +} separates a tag, and not as the first character (a local part
     * that begins with it has no user part to be a tag of); {@code -} is part of many real names
     * ({@code owner-list}, {@code no-reply}).
     */
    public static String withoutTag(String localPart) {
        int plus = localPart.indexOf(TAG);
        return plus > 0 ? localPart.substring(0, plus) : localPart;
    }

    /**
     * One mailbox's key, whatever spelling of its address a sender chose: {@code local@domain} in lower
     * case, unquoted, without angle brackets and without the {@code +tag}. For Gmail, which ignores dots
     * in the local part and treats {@code googlemail.com} as {@code gmail.com}, without those too. Two
     * spellings with one key reach one inbox, so they share one rate limit and one "is it ours" answer.
     * Empty when {@code written} is not {@code local@domain}.
     */
    public static String untaggedKey(String written) {
        String text = unbracketed(written);
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return "";
        }
        String local = withoutTag(unquoted(text.substring(0, at)).toLowerCase(Locale.ROOT));
        String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /**
     * Whether two written addresses name one address: local parts equal in any case, domains equal as
     * {@link DomainNames#of} writes them; never for a bare domain.
     */
    public static boolean sameAddress(String first, String second) {
        String a = unbracketed(first);
        String b = unbracketed(second);
        int atA = a.lastIndexOf('@');
        int atB = b.lastIndexOf('@');
        if (atA <= 0 || atB <= 0) {
            return false;
        }
        String domain = DomainNames.of(a);
        return !domain.isEmpty() && domain.equals(DomainNames.of(b))
                && a.substring(0, atA).equalsIgnoreCase(b.substring(0, atB));
    }

    private static String unquoted(String local) {
        if (local.length() < 2 || !local.startsWith("\"") || !local.endsWith("\"")) {
            return local;
        }
        StringBuilder plain = new StringBuilder();
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\' && i + 1 < local.length() - 1) {
                c = local.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }

    @Override
    public String toString() {
        return displayName.isEmpty() ? address : displayName + " <" + address + ">";
    }
}
