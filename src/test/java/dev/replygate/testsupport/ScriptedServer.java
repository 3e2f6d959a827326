package dev.replygate.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server on 127.0.0.1 that a test scripts, for the answers real servers give only when they are in
 * trouble: one accept loop, one connection at a time. A client that goes quiet for {@code timeout} or hangs up
 * ends its connection, not the server; {@link #close} ends the listener and the connection being served, and waits
 * for the loop to end. A subclass says what a connection hears ({@link #converse}) and calls {@link #start} at the
 * end of its constructor, once its fields are set.
 */
public abstract class ScriptedServer implements AutoCloseable {

    private final ServerSocket listener;
    private final Thread acceptor;
    private final int timeoutMillis;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Socket client;

    protected ScriptedServer(String name, Duration timeout) throws IOException {
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.acceptor = new Thread(this::serve, name + "-" + listener.getLocalPort());
        acceptor.setDaemon(true);
    }

    /** Starts accepting: called once by the subclass's constructor, last. */
    protected final void start() {
        acceptor.start();
    }

    /** What one connection hears, until the client quits; an IOException ends that connection only. */
    protected abstract void converse(Socket socket) throws IOException;

    /** A connection ended on {@code failure} (a client that went quiet, hung up, or was refused mid-way). */
    protected void connectionFailed(IOException failure) {
    }

    public final int port() {
        return listener.getLocalPort();
    }

    /** The connections accepted so far. */
    public final int connections() {
        return connections.get();
    }

    /** Writes {@code text} and flushes it: one reply, as a server sends it. */
    protected static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                client = socket;
                connections.incrementAndGet();
                socket.setSoTimeout(timeoutMillis);
                converse(socket);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    connectionFailed(e);
                }
            } finally {
                client = null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket current = client;
        if (current != null) {
            current.close();
        }
        try {
            acceptor.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
