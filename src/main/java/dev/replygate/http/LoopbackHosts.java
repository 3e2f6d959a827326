package dev.replygate.http;

import dev.replygate.config.Hostnames;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Host} values a server without credentials answers: {@code localhost}, a loopback address
 * ({@code 127.x.x.x}, {@code [::1]}) or the address it is bound to, with any port or none. A page whose
 * own name was rebound to 127.0.0.1 (DNS rebinding) reaches the server under that name and is refused;
 * the port does not tell it from the operator, whose tunnel ({@code ssh -L}) may forward another port.
 * {@code *.localhost} is refused too: nothing needs it. Never looks a name up.
 */
final class LoopbackHosts {

    /** {@code [IPv6]}, or a name or IPv4 address; then {@code :port}, its digits optional (RFC 3986). */
    private static final Pattern HOST =
            Pattern.compile("(?:\\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)]|([^:\\[\\]]*))(?::[0-9]{0,5})?");

    private final String bindAddress;

    LoopbackHosts(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    /**
     * True when {@code host}, a request's {@code Host} header, names this server on loopback, or is
     * absent (only an HTTP/1.0 client that is not a browser leaves it out, so it is no rebound page).
     */
    boolean accepts(String host) {
        if (host == null) {
            return true;
        }
        return name(host).filter(name -> !name.isEmpty())
                .map(name -> Hostnames.isLoopback(name) || name.equalsIgnoreCase(bindAddress))
                .orElse(false);
    }

    /** The name in a {@code Host} value, without the brackets of an IPv6 address and without the port. */
    private static Optional<String> name(String host) {
        Matcher matcher = HOST.matcher(host);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }
}
