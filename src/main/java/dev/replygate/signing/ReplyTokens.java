package dev.replygate.signing;

import dev.replygate.address.MailAddress;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short signed tokens that plus-address the Reply-To ({@code support+<token>@example.com}), so a
 * reply is recognised even when a mail program drops the threading headers.
 *
 * <p>Format: {@code t<ticket>-<kid>-<mac>}, where {@code ticket} is the ticket id in the case-safe
 * form of {@link TicketIds} (so it round-trips with its case even through systems that lowercase
 * addresses), {@code kid} the signing key's id and {@code mac} the first 80 bits of HMAC-SHA256 over
 * the ticket id in 20 hex digits. A token uses only {@code a-z 0-9 _ -}. Parsed from the right, since
 * the ticket id may contain {@code -}. Example: {@code t_a_b_c-123-k1-3f9c0a7e21b45d6c8e0f}.
 *
 * <p>A local part has at most 64 characters, so a token fits only for short ticket ids (about 30
 * characters, fewer with capitals); {@link #replyAddressFor} is empty when it does not.
 */
public final class ReplyTokens {

    static final int MAX_LOCAL_PART = 64;
    private static final char SUBADDRESS = '+';
    private static final int MAC_BYTES = 10;
    private static final Pattern TOKEN = Pattern.compile(
            "t([a-z0-9_-]{1,128})-([a-z0-9]{1,8})-([0-9a-f]{" + MAC_BYTES * 2 + "})");
    private static final HexFormat HEX = HexFormat.of();

    private final SigningKeys keys;
    private final MailAddress replyTo;

    /**
     * @param keys    the signing keys
     * @param replyTo the configured Reply-To; tokens are added to its local part
     */
    public ReplyTokens(SigningKeys keys, MailAddress replyTo) {
        if (replyTo.localPart().indexOf(SUBADDRESS) >= 0) {
            throw new IllegalArgumentException("sender.reply-to must not contain '+' to carry a token: "
                    + replyTo.address());
        }
        this.keys = keys;
        this.replyTo = replyTo;
    }

    /** The token for {@code ticketId}. */
    public String tokenFor(String ticketId) {
        byte[] mac = keys.sign(signedData(ticketId));
        return "t" + TicketIds.encode(ticketId) + "-" + keys.activeKeyId() + "-" + HEX.formatHex(mac, 0, MAC_BYTES);
    }

    /**
     * The Reply-To carrying the ticket's token, with the configured display name; empty when the
     * local part would exceed 64 characters (use the plain Reply-To then).
     */
    public Optional<MailAddress> replyAddressFor(String ticketId) {
        String localPart = replyTo.localPart() + SUBADDRESS + tokenFor(ticketId);
        if (localPart.length() > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        return Optional.of(new MailAddress(localPart + "@" + replyTo.domain(), replyTo.displayName()));
    }

    /** The ticket of a token signed with any configured key; empty when it is not one (case does not matter). */
    public Optional<VerifiedTicket> verifyToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher parts = TOKEN.matcher(token.toLowerCase(Locale.ROOT));
        if (!parts.matches()) {
            return Optional.empty();
        }
        Optional<String> ticketId = TicketIds.decode(parts.group(1));
        String keyId = parts.group(2);
        byte[] mac = HEX.parseHex(parts.group(3));
        if (ticketId.isEmpty() || !keys.verify(keyId, signedData(ticketId.get()), mac)) {
            return Optional.empty();
        }
        return Optional.of(new VerifiedTicket(ticketId.get(), keyId));
    }

    /**
     * The ticket of an address such as {@code support+<token>@example.com}: the configured Reply-To
     * with a valid token. Empty for any other address. Case does not matter.
     */
    public Optional<VerifiedTicket> verifyAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String bare = MailAddress.unbracketed(address);
        int at = bare.lastIndexOf('@');
        if (at < 0 || !bare.substring(at + 1).equalsIgnoreCase(replyTo.domain())) {
            return Optional.empty();
        }
        String localPart = bare.substring(0, at);
        int plus = localPart.indexOf(SUBADDRESS);
        if (plus < 0 || !localPart.substring(0, plus).equalsIgnoreCase(replyTo.localPart())) {
            return Optional.empty();
        }
        return verifyToken(localPart.substring(plus + 1));
    }

    private static String signedData(String ticketId) {
        return "replygate/reply-token\n" + ticketId;
    }
}
