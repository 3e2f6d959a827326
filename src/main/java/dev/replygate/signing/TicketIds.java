package dev.replygate.signing;

import dev.replygate.text.HeaderText;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ticket ids as they appear inside Message-IDs and reply tokens.
 *
 * <p>Some mail systems fold the case of addresses and Message-IDs, so everything replygate signs is
 * lowercase. A ticket id keeps its case through an escape: {@code _} followed by a lowercase letter
 * stands for that letter in uppercase and {@code __} for {@code _}; lowercase letters, digits and
 * {@code -} stand for themselves. {@code ABC-12_x} becomes {@code _a_b_c-12__x}. The encoding is a
 * prefix code, so every encoded form decodes to exactly one ticket id.
 */
public final class TicketIds {

    static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");
    private static final char ESCAPE = '_';

    private TicketIds() {
    }

    /** True when {@code ticketId} is 1 to 64 of {@code A-Z a-z 0-9 _ -}: the one rule for a ticket id anywhere. */
    public static boolean isValid(String ticketId) {
        return ticketId != null && VALID.matcher(ticketId).matches();
    }

    /** Returns {@code ticketId} when it {@linkplain #isValid is valid}; throws otherwise. */
    public static String requireValid(String ticketId) {
        if (!isValid(ticketId)) {
            throw new IllegalArgumentException("ticket id must be 1 to " + MAX_LENGTH
                    + " characters of A-Z, a-z, 0-9, '_' and '-': " + printable(ticketId));
        }
        return ticketId;
    }

    static String encode(String ticketId) {
        requireValid(ticketId);
        StringBuilder encoded = new StringBuilder(ticketId.length() + 8);
        for (int i = 0; i < ticketId.length(); i++) {
            char c = ticketId.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                encoded.append(ESCAPE).append((char) (c - 'A' + 'a'));
            } else if (c == ESCAPE) {
                encoded.append(ESCAPE).append(ESCAPE);
            } else {
                encoded.append(c);
            }
        }
        return encoded.toString();
    }

    /** The ticket id {@code encoded} stands for; empty when it is not a valid encoding. */
    static Optional<String> decode(String encoded) {
        StringBuilder ticketId = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == ESCAPE) {
                if (++i == encoded.length()) {
                    return Optional.empty();
                }
                char escaped = encoded.charAt(i);
                if (escaped == ESCAPE) {
                    ticketId.append(ESCAPE);
                } else if (escaped >= 'a' && escaped <= 'z') {
                    ticketId.append((char) (escaped - 'a' + 'A'));
                } else {
                    return Optional.empty();
                }
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                ticketId.append(c);
            } else {
                return Optional.empty();
            }
        }
        return VALID.matcher(ticketId).matches() ? Optional.of(ticketId.toString()) : Optional.empty();
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return '"' + HeaderText.forHeader(shown) + '"';
    }
}
