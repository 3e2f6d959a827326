package dev.replygate.mailbox;

import dev.replygate.text.Sha256;

import java.util.Base64;

/**
 * The key a POP3 message is read under, from the UIDL its server listed: what {@code pop3_seen} holds and what
 * follows {@code pop3:} in the message's key. A UIDL that the store has always been able to hold (1 to 70
 * characters, no NUL) is its own key, as it always was, so no key of an existing record changes, whether the UIDL
 * keeps to RFC 1939 (0x21 to 0x7E) or has spaces or 8-bit bytes. A longer one, or one with NUL, is keyed by
 * {@link #DIGEST_MARKER} and the SHA-256 of its text: fixed length, stable across runs. Angus Mail reads a UIDL
 * listing one byte per character, so no listed UIDL has a character above U+00FF, and none can take the marker's
 * key.
 */
final class Pop3Uidl {

    /** Begins the key of a UIDL too long or odd to be stored: U+2260 is no byte a server can list. */
    static final String DIGEST_MARKER = "\u2260sha256:";
    /** RFC 1939 §7: a UIDL has 1 to 70 characters; {@code pop3_seen.uidl} holds no more. */
    static final int MAX_LENGTH = 70;

    private Pop3Uidl() {
    }

    /** The key of {@code uidl}, a UIDL as listed (not empty). */
    static String key(String uidl) {
        if (storable(uidl)) {
            return uidl;
        }
        return DIGEST_MARKER + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Sha256.of(uidl));
    }

    /** Whether {@code uidl} is its own key: 1 to 70 characters without NUL. */
    static boolean storable(String uidl) {
        return !uidl.isEmpty() && uidl.length() <= MAX_LENGTH && uidl.indexOf('\0') < 0;
    }

    /** Whether {@code uidl} keeps to RFC 1939: 1 to 70 characters from 0x21 to 0x7E. */
    static boolean conforming(String uidl) {
        return !uidl.isEmpty() && uidl.length() <= MAX_LENGTH && uidl.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    /** How {@code uidl} breaks RFC 1939, for a log line: its length, and what characters it has that it should not. */
    static String oddity(String uidl) {
        StringBuilder odd = new StringBuilder().append(uidl.length()).append(" characters");
        if (uidl.chars().anyMatch(c -> c == ' ')) {
            odd.append(", spaces");
        }
        if (uidl.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            odd.append(", control characters");
        }
        if (uidl.chars().anyMatch(c -> c > 0x7F)) {
            odd.append(", 8-bit bytes");
        }
        return odd.toString();
    }
}
