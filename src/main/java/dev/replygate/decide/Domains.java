package dev.replygate.decide;

import java.net.IDN;
import java.util.Locale;

/**
 * Domains of authenticated identifiers and their alignment with an address.
 *
 * <p>DMARC's relaxed alignment means "same organisational domain", which needs the public suffix
 * list. replygate has none, so it approximates: two domains are aligned when they are equal or one
 * is a subdomain of the other, and the shorter of the two has at least two labels (so that no
 * top-level domain aligns everything under it). This is stricter than DMARC for siblings
 * ({@code a.example.com} and {@code b.example.com} do not align) and laxer under multi-label public
 * suffixes ({@code example.co.uk} would align with {@code co.uk}, though no one can authenticate as
 * {@code co.uk}, and {@code user.github.io} with an address at {@code github.io}).
 */
final class Domains {

    private static final int MAX_LENGTH = 253;

    private Domains() {
    }

    /**
     * The domain of an address ({@code user@example.com}, {@code "a@b"@example.com},
     * {@code <user@example.com>}, {@code @example.com}) or of a bare domain, lower case, in ASCII
     * (A-labels), without a trailing dot; empty when there is none or it is not a domain name.
     */
    static String of(String addressOrDomain) {
        if (addressOrDomain == null) {
            return "";
        }
        String text = addressOrDomain.strip();
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        String domain = text.substring(text.lastIndexOf('@') + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        try {
            domain = IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
        return isDomainName(domain) ? domain : "";
    }

    /** See the class comment for what "aligned" means here. */
    static boolean aligned(String first, String second) {
        if (first.isEmpty() || second.isEmpty()) {
            return false;
        }
        if (first.equals(second)) {
            return true;
        }
        return isStrictSubdomain(first, second) || isStrictSubdomain(second, first);
    }

    private static boolean isStrictSubdomain(String sub, String parent) {
        return sub.endsWith("." + parent) && parent.indexOf('.') > 0;
    }

    private static boolean isDomainName(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_LENGTH) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }
}
