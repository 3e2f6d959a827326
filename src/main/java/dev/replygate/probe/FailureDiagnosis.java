package dev.replygate.probe;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * Tells from what Jakarta Mail threw while connecting and logging in which {@link ProbeFailure} it is,
 * and says it in one line. The causes are read by type where Java has one, by the JDK's wording
 * where it has none (a host-name mismatch, plain text on a TLS connection).
 */
public final class FailureDiagnosis {

    private static final int MAX_DEPTH = 16;

    private FailureDiagnosis() {
    }

    /**
     * Records on {@code report} the failure of connecting to {@code server} and logging in as
     * {@code username}; {@code oauth2} when the login used a token.
     */
    public static ProbeReport connectFailed(ProbeReport report, Exception e, String server, String username,
                                            boolean oauth2) {
        if (find(e, AuthenticationFailedException.class) != null) {
            return oauth2
                    ? report.fail("login", ProbeFailure.TOKEN_REJECTED, "the OAuth2 token for " + username
                            + " was refused by " + server + ": " + serverWords(e))
                    : report.fail("login", ProbeFailure.LOGIN_REFUSED, "login as " + username + " refused by "
                            + server + ": " + serverWords(e));
        }
        if (find(e, UnknownHostException.class) != null) {
            return report.fail("resolve", ProbeFailure.DNS, "host " + host(server) + " not found in DNS");
        }
        if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
            return report.fail("connect", ProbeFailure.REFUSED, "connection to " + server + " refused");
        }
        if (find(e, SSLException.class) != null) {
            return tlsFailed(report, e, server);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return report.fail("connect", ProbeFailure.TIMEOUT, "no answer from " + server + " in time: "
                    + messages(e));
        }
        if (mentions(e, "server is not trusted") || mentions(e, "identity of server")) {
            return report.fail("tls", ProbeFailure.CERTIFICATE_HOST, "the certificate of " + server
                    + " is not valid for " + host(server) + ": " + messages(e));
        }
        return report.fail("connect", ProbeFailure.OTHER, "cannot talk to " + server + ": " + messages(e));
    }

    private static ProbeReport tlsFailed(ProbeReport report, Exception e, String server) {
        if (find(e, CertificateExpiredException.class) != null
                || find(e, CertificateNotYetValidException.class) != null) {
            return report.fail("tls", ProbeFailure.CERTIFICATE_UNTRUSTED, "the certificate of " + server
                    + " is out of its validity dates: " + messages(e));
        }
        if (find(e, CertPathBuilderException.class) != null || find(e, CertPathValidatorException.class) != null
                || mentions(e, "PKIX")) {
            return report.fail("tls", ProbeFailure.CERTIFICATE_UNTRUSTED, "the certificate of " + server
                    + " is not signed by a CA this machine trusts (self-signed, or an unknown or missing"
                    + " intermediate CA)");
        }
        if (mentions(e, "no subject alternative") || mentions(e, "no name matching")) {
            return report.fail("tls", ProbeFailure.CERTIFICATE_HOST, "the certificate of " + server
                    + " is not valid for " + host(server) + ": " + messages(e));
        }
        if (mentions(e, "unrecognized ssl message") || mentions(e, "plaintext")) {
            return report.fail("tls", ProbeFailure.TLS_HANDSHAKE, "TLS handshake with " + server
                    + " failed: the server answered in plain text, this port does not speak TLS");
        }
        String why = find(e, SSLHandshakeException.class) != null ? "no protocol or cipher in common, or the"
                + " server ended the handshake" : "the connection broke during TLS";
        return report.fail("tls", ProbeFailure.TLS_HANDSHAKE, "TLS handshake with " + server + " failed ("
                + why + "): " + messages(e));
    }

    /** The server's answer to a refused login, without Java's exception names. */
    private static String serverWords(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "no reason given" : message.strip();
    }

    private static String host(String server) {
        int colon = server.lastIndexOf(':');
        return colon < 0 ? server : server.substring(0, colon);
    }

    private static boolean mentions(Throwable e, String words) {
        return messages(e).toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT));
    }

    /** The messages of {@code e} and its causes, joined, without repeats. */
    static String messages(Throwable e) {
        StringBuilder joined = new StringBuilder();
        Throwable current = e;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            String message = current.getMessage();
            if (message != null && !message.isBlank() && joined.indexOf(message) < 0) {
                joined.append(joined.length() == 0 ? "" : ": ").append(message.strip());
            }
            current = next(current);
        }
        return joined.length() == 0 ? e.getClass().getSimpleName() : joined.toString();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable current = e;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = next(current);
        }
        return null;
    }

    private static Throwable next(Throwable e) {
        Throwable next = e instanceof MessagingException messaging ? messaging.getNextException() : null;
        if (next == null) {
            next = e.getCause();
        }
        return next == e ? null : next;
    }
}
