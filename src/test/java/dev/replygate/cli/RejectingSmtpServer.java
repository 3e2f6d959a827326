package dev.replygate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SMTP server on 127.0.0.1 for the answer GreenMail cannot give: it refuses every
 * recipient with a 550 until {@link #acceptRecipients()}, then stores what it receives. One
 * connection at a time; sockets time out; {@link #close} ends it. (The outbound package has a
 * richer one, {@code ScriptedSmtpServer}, but it is package-private there.)
 */
final class RejectingSmtpServer implements AutoCloseable {

    private static final int SOCKET_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket serverSocket;
    private final Thread thread;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private volatile boolean accepting;
    private volatile Socket client;

    RejectingSmtpServer() throws IOException {
        serverSocket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "rejecting-smtp-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    static String rejection(String recipient) {
        return "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown";
    }

    void acceptRecipients() {
        accepting = true;
    }

    /** Every message accepted, as received (dot-unstuffed, CRLF line ends). */
    List<String> messages() {
        return messages;
    }

    /** Every recipient refused. */
    List<String> rejected() {
        return rejected;
    }

    private void serve() {
        while (!serverSocket.isClosed()) {
            try (Socket socket = serverSocket.accept()) {
                client = socket;
                socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
                converse(socket);
            } catch (SocketException closed) {
                // close() or the client hung up
            } catch (IOException e) {
                // a timed-out or broken conversation; the next connection is served
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 rejecting.test ESMTP");
        boolean haveRecipient = false;
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (verb) {
                case "EHLO" -> reply(out, "250-rejecting.test\r\n250-8BITMIME\r\n250 HELP");
                case "HELO", "NOOP" -> reply(out, "250 2.0.0 OK");
                case "MAIL", "RSET" -> {
                    haveRecipient = false;
                    reply(out, "250 2.0.0 OK");
                }
                case "RCPT" -> {
                    String recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    if (accepting) {
                        haveRecipient = true;
                        reply(out, "250 2.1.5 OK");
                    } else {
                        rejected.add(recipient);
                        reply(out, rejection(recipient));
                    }
                }
                case "DATA" -> {
                    if (!haveRecipient) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 end with .");
                    messages.add(readData(in));
                    reply(out, "250 2.0.0 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 not implemented");
            }
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return data.toString();
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        serverSocket.close();
        Socket current = client;
        if (current != null) {
            current.close();
        }
        thread.join(SOCKET_TIMEOUT_MILLIS);
    }
}
