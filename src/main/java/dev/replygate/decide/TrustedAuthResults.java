package dev.replygate.decide;

import dev.replygate.parse.ParsedMail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Authentication-Results headers of a message that carry a trusted authserv-id (version 1), split
 * into the ones believed as evidence of a pass and the rest.
 *
 * <p>Our receiving servers prepend their headers, so the headers they wrote sit above every header
 * the sender wrote; but the lines above differ between stacks (Dovecot's LMTP adds Return-Path,
 * Delivered-To and its own Received above the MX's; sendmail milters put X-Virus-* above; Gmail puts
 * its A-R below its Received) and none can be told from a forged copy by its name. The rule:
 * <b>the believed block is the topmost trusted header and the trusted headers directly below it</b>;
 * the first header of any other kind ends it. A trusted copy the sender wrote below any header of our
 * block's — typically below our MX's Received line — is never believed.
 *
 * <p>And the block must stand above our receiving server's own Received line (RFC 8601 §5): at most
 * {@code ownReceivedAbove} Received lines may stand above it, the ones our own later hops add (0 when
 * the MX delivers itself; 1 behind Dovecot's LMTP, for example). Without this, a message on which our
 * server wrote no result at all would be judged by a copy the sender wrote below that server's
 * Received line. What the rules cannot catch is a forged copy directly below ours: RFC 8601 §5
 * requires the receiving server to remove incoming copies carrying its authserv-id.
 * That is why a trusted failure counts wherever it stands ({@link #anywhere}): a forged failure can
 * only hold an answer back, while a real one may stand outside the block.
 *
 * @param believed  the topmost run of trusted headers, in order; empty when there is no trusted header
 * @param anywhere  every trusted header, in order
 */
record TrustedAuthResults(List<AuthResults> believed, List<AuthResults> anywhere) {

    private static final String HEADER = "Authentication-Results";
    private static final String RECEIVED = "Received";

    TrustedAuthResults {
        believed = List.copyOf(believed);
        anywhere = List.copyOf(anywhere);
    }

    /**
     * @param trustedIds       lower-case authserv-ids
     * @param ownReceivedAbove how many Received lines our own hops add above the block
     */
    static TrustedAuthResults of(ParsedMail mail, Set<String> trustedIds, int ownReceivedAbove) {
        List<AuthResults> believed = new ArrayList<>();
        List<AuthResults> anywhere = new ArrayList<>();
        boolean inBlock = false;
        boolean blockEnded = false;
        int receivedAbove = 0;
        for (ParsedMail.Header header : mail.headers()) {
            Optional<AuthResults> trusted = header.name().equalsIgnoreCase(HEADER)
                    ? trusted(header.value(), trustedIds) : Optional.empty();
            if (trusted.isEmpty()) {
                blockEnded |= inBlock;
                if (header.name().equalsIgnoreCase(RECEIVED) && ++receivedAbove > ownReceivedAbove) {
                    blockEnded = true;
                }
                continue;
            }
            anywhere.add(trusted.get());
            if (!blockEnded) {
                inBlock = true;
                believed.add(trusted.get());
            }
        }
        return new TrustedAuthResults(believed, anywhere);
    }

    /** How many trusted headers stand below the believed block and only count as failures. */
    int ignoredBelow() {
        return anywhere.size() - believed.size();
    }

    private static Optional<AuthResults> trusted(String value, Set<String> trustedIds) {
        return AuthenticationResults.parse(value)
                .filter(results -> results.version() == 1)
                .filter(results -> trustedIds.contains(results.authservId().toLowerCase(Locale.ROOT)));
    }
}
