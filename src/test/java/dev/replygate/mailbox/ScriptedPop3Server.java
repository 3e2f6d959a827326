package dev.replygate.mailbox;

import dev.replygate.testsupport.ScriptedServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A POP3 server on 127.0.0.1 that serves fixed messages and can answer RETR and TOP of some of them with
 * {@code -ERR} (a server that cannot read a message's file). Only what Angus Mail sends to read a maildrop is
 * understood (CAPA says TOP, UIDL, USER); nothing is ever deleted.
 */
final class ScriptedPop3Server extends ScriptedServer {

    private final List<byte[]> messages;
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean listsTop = true;

    /** {@code messages}: the maildrop's, numbered from 1, UIDL {@code uidl-<n>}; {@code refused}: their numbers. */
    ScriptedPop3Server(List<byte[]> messages, Set<Integer> refused) throws IOException {
        super("scripted-pop3", Duration.ofSeconds(30));
        this.messages = List.copyOf(messages);
        this.refused.addAll(refused);
        start();
    }

    /** From now on, CAPA does not list TOP (which still works), as GreenMail's and a server without CAPA. */
    void hideTop() {
        listsTop = false;
    }

    /** From now on, RETR and TOP of message {@code number} are answered. */
    void serveAgain(int number) {
        refused.remove(number);
    }

    @Override
    protected void converse(Socket socket) throws IOException {
        converse(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)),
                socket.getOutputStream());
    }

    private void converse(BufferedReader in, OutputStream out) throws IOException {
        write(out, "+OK scripted POP3 ready\r\n");
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            String command = words[0].toUpperCase(Locale.ROOT);
            int number = words.length > 1 && words[1].matches("\\d{1,9}") ? Integer.parseInt(words[1]) : 0;
            boolean known = number >= 1 && number <= messages.size();
            switch (command) {
                case "USER", "PASS", "NOOP", "RSET" -> write(out, "+OK\r\n");
                case "CAPA" -> write(out, "+OK\r\n" + (listsTop ? "TOP\r\n" : "") + "UIDL\r\nUSER\r\n.\r\n");
                case "STAT" -> write(out, "+OK " + messages.size() + " "
                        + messages.stream().mapToInt(m -> m.length).sum() + "\r\n");
                case "LIST", "UIDL" -> {
                    StringBuilder list = new StringBuilder("+OK\r\n");
                    for (int n = 1; n <= messages.size(); n++) {
                        list.append(n).append(' ')
                                .append(command.equals("LIST") ? messages.get(n - 1).length : "uidl-" + n).append("\r\n");
                    }
                    write(out, list.append(".\r\n").toString());
                }
                case "RETR" -> {
                    if (!known || refused.contains(number)) {
                        write(out, "-ERR cannot read that message now\r\n");
                    } else {
                        out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                        // the test messages end in CRLF and have no line starting with a dot
                        out.write(messages.get(number - 1));
                        write(out, ".\r\n");
                    }
                }
                case "TOP" -> {
                    if (!known || refused.contains(number)) {
                        write(out, "-ERR cannot read that message now\r\n");
                    } else {
                        // its header and the empty line after it: TOP n 0, whatever n of lines was asked for
                        String text = new String(messages.get(number - 1), StandardCharsets.US_ASCII);
                        write(out, "+OK\r\n" + text.substring(0, text.indexOf("\r\n\r\n") + 4) + ".\r\n");
                    }
                }
                case "QUIT" -> {
                    write(out, "+OK bye\r\n");
                    return;
                }
                default -> write(out, "-ERR not understood\r\n");
            }
        }
    }
}
