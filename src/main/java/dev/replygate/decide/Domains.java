package dev.replygate.decide;

/**
 * The alignment of the domains of authenticated identifiers with an address (domains as
 * {@link dev.replygate.address.DomainNames#of} writes them).
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

    private Domains() {
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
}
