package dev.replygate.probe;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The JVM's default TLS socket factory (the one the daemon's connections use, with its trust
 * store), remembering the last socket it made so that a self-test can show the session: given to
 * Jakarta Mail as {@code mail.<protocol>.ssl.socketFactory}, for implicit TLS and STARTTLS alike.
 */
public final class TlsSessionRecorder extends SSLSocketFactory {

    private final SSLSocketFactory delegate = (SSLSocketFactory) SSLSocketFactory.getDefault();
    private volatile SSLSocket last;

    /** Protocol, cipher and the server's certificate of the last handshake, in one line; empty before one. */
    public Optional<String> describeSession(String host) {
        SSLSocket socket = last;
        if (socket == null) {
            return Optional.empty();
        }
        SSLSession session = socket.getSession();
        StringBuilder text = new StringBuilder(session.getProtocol()).append(", ").append(session.getCipherSuite());
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                text.append("; certificate ").append(certificate.getSubjectX500Principal().getName())
                        .append(", issued by ").append(certificate.getIssuerX500Principal().getName())
                        .append(", valid until ").append(certificate.getNotAfter().toInstant())
                        .append(", valid for ").append(host).append(" (checked)");
            }
        } catch (SSLPeerUnverifiedException e) {
            text.append("; the server showed no certificate");
        }
        return Optional.of(text.toString());
    }

    private Socket remember(Socket socket) {
        if (socket instanceof SSLSocket ssl) {
            last = ssl;
        }
        return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return remember(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return remember(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return remember(delegate.createSocket(address, port, localAddress, localPort));
    }
}
