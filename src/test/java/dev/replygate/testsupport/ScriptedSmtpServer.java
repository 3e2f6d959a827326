package dev.replygate.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny SMTP server on loopback that answers as a test scripts it, for the answers GreenMail cannot
 * give (5xx, 4xx, no STARTTLS). Serves one connection at a time; every socket times out and
 * {@link #close} ends it all.
 */
public final class ScriptedSmtpServer extends ScriptedServer {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();

    public volatile List<String> extensions = List.of("DSN", "8BITMIME");
    public volatile Function<String, String> rcptReply = recipient -> "250 2.1.5 OK";
    public volatile String endOfDataReply = "250 2.0.0 queued";
    /** How long the server holds its reply to a message's end (a slow relay); zero for none. */
    public volatile Duration endOfDataDelay = Duration.ZERO;
    /** Hang up right after accepting this many messages on a connection; 0 for never. */
    public volatile int hangUpAfterMessages;

    public ScriptedSmtpServer() throws IOException {
        super("scripted-smtp", SOCKET_TIMEOUT);
        start();
    }

    /** Every command received, in order, as sent ({@code MAIL FROM:<> …}). */
    public List<String> commands() {
        return commands;
    }

    public List<String> commandsStartingWith(String verb) {
        return commands.stream().filter(c -> c.toUpperCase(Locale.ROOT).startsWith(verb)).toList();
    }

    /** The content of every message accepted. */
    public List<String> messages() {
        return messages;
    }

    @Override
    protected void connectionFailed(IOException failure) {
        if (!(failure instanceof SocketException)) {
            commands.add("!! " + failure); // not a hang-up: a test may want to see it
        }
    }

    @Override
    protected void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        reply(out, "220 scripted.test ESMTP");
        int accepted = 0;
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (verb) {
                case "EHLO" -> {
                    StringBuilder ehlo = new StringBuilder("250-scripted.test");
                    for (String extension : extensions) {
                        ehlo.append("\r\n250-").append(extension);
                    }
                    reply(out, ehlo.append("\r\n250 HELP").toString());
                }
                case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                case "RCPT" -> reply(out, rcptReply.apply(line.substring(line.indexOf('<') + 1, line.indexOf('>'))));
                case "DATA" -> {
                    reply(out, "354 end with .");
                    String message = readData(in);
                    messages.add(message);
                    pause(endOfDataDelay);
                    reply(out, endOfDataReply);
                    if (endOfDataReply.startsWith("2") && ++accepted == hangUpAfterMessages) {
                        return;
                    }
                }
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 not implemented");
            }
        }
    }

    private static void pause(Duration delay) throws IOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while holding the reply", e);
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
        write(out, reply + "\r\n");
    }
}
