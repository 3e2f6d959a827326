package dev.replygate.outbound;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Plain sockets with Nagle's algorithm off, for the SMTP relay. Angus Mail writes the end of DATA
 * (and the tail of a message larger than its 8 KiB output buffer) as a small segment of its own;
 * with Nagle on, that segment waits for the ACK of the previous one, which the server delays
 * (40 ms on Linux): a stall per message, measured as 20 of the 26 s it took to send 1 600 answers.
 * Angus asks a {@code mail.<protocol>.socketFactory} for an unconnected socket and puts TLS (SMTPS,
 * STARTTLS) on top of it, so the option holds for every security.
 */
final class NoDelaySockets extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        return connected(socket, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(createSocket(), new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        return connected(socket, new InetSocketAddress(address, port));
    }

    private static Socket connected(Socket socket, InetSocketAddress address) throws IOException {
        socket.connect(address);
        return socket;
    }
}
