package dev.replygate.address;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** The syntax of domain names; never looks a name up. */
public final class DomainNames {

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private DomainNames() {
    }

    /** Letters, digits and hyphens in dot-separated labels of 1 to 63, no hyphen at a label's ends. */
    public static boolean isHostname(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The domain of an address ({@code user@example.com}, {@code "a@b"@example.com},
     * {@code <user@example.com>}, {@code @example.com}) or of a bare domain, lower case, in ASCII
     * (A-labels), without a trailing dot; empty when there is none or it is not a domain name. An
     * underscore is allowed in a label: authenticated identifiers (DKIM {@code d=}) may carry one.
     */
    public static String of(String addressOrDomain) {
        if (addressOrDomain == null) {
            return "";
        }
        String text = MailAddress.unbracketed(addressOrDomain);
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
