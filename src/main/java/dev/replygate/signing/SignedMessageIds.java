package dev.replygate.signing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message-IDs that carry their ticket, signed so that a reply can be matched to its ticket without
 * trusting anything else in the reply.
 *
 * <p>Format (without angle brackets): {@code rg.<ticket>.<nonce>.<kid>.<mac>@<domain>}, where
 * {@code ticket} is the ticket id in the case-safe form of {@link TicketIds}, {@code nonce} 96 random
 * bits in 24 hex digits, {@code kid} the signing key's id and {@code mac} the first 128 bits of
 * HMAC-SHA256 over ticket id, nonce and domain, in 32 hex digits. Everything is lowercase, so a
 * Message-ID still verifies after a mail system folded its case. Example:
 * {@code rg._a_b_c-123.8c1f0e2a9b7d4c3e5f60718a.k1.0f3a…@support.example.com}.
 */
public final class SignedMessageIds {

    private static final String PREFIX = "rg";
    private static final int NONCE_BYTES = 12;
    private static final int MAC_BYTES = 16;
    private static final Pattern LEFT = Pattern.compile(
            "rg\\.([a-z0-9_-]{1,128})\\.([0-9a-f]{" + NONCE_BYTES * 2 + "})\\.([a-z0-9]{1,8})\\.([0-9a-f]{"
                    + MAC_BYTES * 2 + "})");
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final HexFormat HEX = HexFormat.of();

    private final SigningKeys keys;
    private final String domain;
    private final SecureRandom random;

    /**
     * @param keys   the signing keys
     * @param domain the instance's domain, the right-hand side of every Message-ID it creates
     */
    public SignedMessageIds(SigningKeys keys, String domain) {
        this(keys, domain, new SecureRandom());
    }

    SignedMessageIds(SigningKeys keys, String domain, SecureRandom random) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("instance.domain must be a domain name: " + domain);
        }
        this.keys = keys;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.random = random;
    }

    /** A new Message-ID (without angle brackets) for a mail about {@code ticketId}. */
    public String create(String ticketId) {
        String encodedTicket = TicketIds.encode(ticketId);
        byte[] nonceBytes = new byte[NONCE_BYTES];
        random.nextBytes(nonceBytes);
        String nonce = HEX.formatHex(nonceBytes);
        byte[] mac = keys.sign(signedData(ticketId, nonce));
        return String.join(".", PREFIX, encodedTicket, nonce, keys.activeKeyId(), HEX.formatHex(mac, 0, MAC_BYTES))
                + "@" + domain;
    }

    /**
     * A new Message-ID (without angle brackets) on our domain for a mail about no ticket (an answer to
     * a new request). It carries no signature, so a reply to it is tied to no ticket; being on our
     * domain, it still marks our own mail when it comes back.
     */
    public String createWithoutTicket() {
        byte[] nonceBytes = new byte[NONCE_BYTES];
        random.nextBytes(nonceBytes);
        return String.join(".", PREFIX, "mail", HEX.formatHex(nonceBytes)) + "@" + domain;
    }

    /**
     * The ticket of a Message-ID this instance signed with any configured key; empty for any other
     * Message-ID (another domain, unknown key, altered in any way). Angle brackets, surrounding
     * whitespace and case do not matter.
     */
    public Optional<VerifiedTicket> verify(String messageId) {
        if (messageId == null) {
            return Optional.empty();
        }
        String id = withoutBrackets(messageId);
        int at = id.lastIndexOf('@');
        if (at < 0 || !id.substring(at + 1).equalsIgnoreCase(domain)) {
            return Optional.empty();
        }
        Matcher left = LEFT.matcher(id.substring(0, at).toLowerCase(Locale.ROOT));
        if (!left.matches()) {
            return Optional.empty();
        }
        Optional<String> ticketId = TicketIds.decode(left.group(1));
        String nonce = left.group(2);
        String keyId = left.group(3);
        byte[] mac = HEX.parseHex(left.group(4));
        if (ticketId.isEmpty() || !keys.verify(keyId, signedData(ticketId.get(), nonce), mac)) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedTicket(ticketId.get(), keyId));
    }

    /** Whether the Message-ID is on this instance's domain, signed or not (a loop signal). */
    public boolean isOnOurDomain(String messageId) {
        if (messageId == null) {
            return false;
        }
        String id = withoutBrackets(messageId);
        int at = id.lastIndexOf('@');
        return at >= 0 && id.substring(at + 1).equalsIgnoreCase(domain);
    }

    private static String withoutBrackets(String messageId) {
        String id = messageId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    private String signedData(String ticketId, String nonce) {
        return "replygate/message-id\n" + ticketId + "\n" + nonce + "\n" + domain;
    }
}
