package dev.replygate.config;

import dev.replygate.address.DomainNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Syntax of host names and IP address literals; never looks a name up. */
public final class Hostnames {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Hostnames() {
    }

    /** See {@link DomainNames#isHostname}. */
    static boolean isHostname(String text) {
        return DomainNames.isHostname(text);
    }

    static boolean isIpLiteral(String text) {
        return IPV4.matcher(text).matches() || isIpv6Literal(text);
    }

    /** True for {@code localhost} and loopback address literals (IPv6 without brackets). */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        try {
            return InetAddress.getByName(host.contains(":") ? "[" + host + "]" : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isIpv6Literal(String text) {
        if (!IPV6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            // Bracketed and made of hex digits, colons and dots only, so it is parsed, never looked up.
            InetAddress.getByName("[" + text + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
