package dev.replygate.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes the Sender Rewriting Scheme that forwarders apply to envelope senders, so that rules see
 * the original sender: {@code SRS0=hash=tt=domain=local@forwarder} is {@code local@domain}, and
 * {@code SRS1=hash=forwarder1==hash=tt=domain=local@forwarder2} (a chain) is too.
 */
final class SrsAddresses {

    // SRS0 opaque part after the separator: hash=timestamp=domain=local (local may contain '=').
    private static final Pattern SRS0 = Pattern.compile("(?i)SRS0[=+-][^=]*=[^=]*=([^=@]+)=(.+)");
    // SRS1 keeps the first forwarder and then the SRS0 opaque part, introduced by a separator.
    private static final Pattern SRS1 = Pattern.compile("(?i)SRS1[=+-][^=]*=[^=]*=[=+-][^=]*=[^=]*=([^=@]+)=(.+)");

    private SrsAddresses() {
    }

    /** The original address of an SRS address; any other address unchanged. Never null for non-null input. */
    static String decode(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        for (Pattern scheme : new Pattern[]{SRS1, SRS0}) {
            Matcher matcher = scheme.matcher(local);
            if (matcher.matches()) {
                return matcher.group(2) + "@" + matcher.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return address;
    }
}
