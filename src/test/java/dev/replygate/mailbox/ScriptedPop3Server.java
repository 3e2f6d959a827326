package dev.replygate.mailbox;

import dev.replygate.testsupport.ScriptedServer;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A POP3 server on 127.0.0.1 that serves fixed messages and can answer RETR and TOP of some of them with
 * {@code -ERR} (a server that cannot read a message's file). Only what Angus Mail sends to read a maildrop is
 * understood (CAPA says TOP, UIDL, USER, DELE). DELE is refused unless {@link #deleting()}; then what a session
 * marked goes at its QUIT, the messages after move up, and unscripted UIDLs go by position: a server that reuses
 * UIDLs.
 */
final class ScriptedPop3Server extends ScriptedServer {

    private final List<byte[]> messages;
    private final Set<Integer> refused = ConcurrentHashMap.newKeySet();
    private volatile boolean deletes;
    private final AtomicInteger retrievals = new AtomicInteger();
    private volatile boolean listsTop = true;
    private volatile List<byte[]> uidls;
    private volatile String strayListingLine;
    private volatile boolean bareUidlAnswers;

    /** {@code messages}: the maildrop's, numbered from 1, UIDL {@code uidl-<n>}; {@code refused}: their numbers. */
    ScriptedPop3Server(List<byte[]> messages, Set<Integer> refused) throws IOException {
        super("scripted-pop3", Duration.ofSeconds(30));
        this.messages = new CopyOnWriteArrayList<>(messages);
        this.refused.addAll(refused);
        start();
    }

    /** From now on, CAPA does not list TOP (which still works), as GreenMail's and a server without CAPA. */
    void hideTop() {
        listsTop = false;
    }

    /**
     * From now on, UIDL lists {@code uidls}: message n's is the n-th's bytes, written as they are after {@code n } (so
     * an empty one is a line {@code n }); null is no line for message n. Before, message n's UIDL is {@code uidl-<n>}.
     */
    void listUidls(List<byte[]> uidls) {
        this.uidls = new ArrayList<>(uidls);
    }

    /** From now on, the UIDL listing ends with {@code line} (not a message's), as a broken server's may. */
    void addToUidlListing(String line) {
        strayListingLine = line;
    }

    /**
     * From now on, {@code UIDL n} of a message the listing leaves out is answered with a bare {@code +OK}, no id: a
     * broken server's answer.
     */
    void answerUidlOfUnlistedWithBareOk() {
        bareUidlAnswers = true;
    }

    /** From now on, DELE is done at QUIT. */
    ScriptedPop3Server deleting() {
        deletes = true;
        return this;
    }

    /** A new message at the end of the maildrop; unscripted, its UIDL is {@code uidl-<its number>}. */
    void deliver(byte[] message) {
        messages.add(message);
    }

    /** Message {@code number} is {@code message} from now on; unscripted, its UIDL stays {@code uidl-<number>}. */
    void replace(int number, byte[] message) {
        messages.set(number - 1, message);
    }

    /** RETR commands answered with a message so far. */
    int retrievals() {
        return retrievals.get();
    }

    /** The messages on the server now, in order. */
    List<byte[]> maildrop() {
        return List.copyOf(messages);
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
        Set<Integer> marked = new TreeSet<>(Comparator.reverseOrder());
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            String command = words[0].toUpperCase(Locale.ROOT);
            int number = words.length > 1 && words[1].matches("\\d{1,9}") ? Integer.parseInt(words[1]) : 0;
            boolean known = number >= 1 && number <= messages.size();
            switch (command) {
                case "USER", "PASS", "NOOP" -> write(out, "+OK\r\n");
                case "RSET" -> {
                    marked.clear();
                    write(out, "+OK\r\n");
                }
                case "CAPA" -> write(out, "+OK\r\n" + (listsTop ? "TOP\r\n" : "") + "UIDL\r\nUSER\r\n.\r\n");
                case "DELE" -> {
                    if (known && deletes && marked.add(number)) {
                        write(out, "+OK marked\r\n");
                    } else {
                        write(out, "-ERR cannot delete that message\r\n");
                    }
                }
                case "STAT" -> write(out, "+OK " + messages.size() + " "
                        + messages.stream().mapToInt(m -> m.length).sum() + "\r\n");
                case "UIDL" -> {
                    if (words.length > 1) {
                        byte[] uidl = known ? uidl(number) : null;
                        if (uidl == null && known && bareUidlAnswers) {
                            write(out, "+OK\r\n");
                        } else {
                            out.write(uidl == null ? "-ERR no such message\r\n".getBytes(StandardCharsets.US_ASCII)
                                    : line(("+OK " + number + " ").getBytes(StandardCharsets.US_ASCII), uidl));
                        }
                    } else {
                        listUidls(out);
                    }
                }
                case "LIST" -> list(out);
                case "RETR" -> {
                    if (!known || refused.contains(number)) {
                        write(out, "-ERR cannot read that message now\r\n");
                    } else {
                        retrievals.incrementAndGet();
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
                    marked.forEach(n -> messages.remove(n.intValue() - 1));
                    write(out, "+OK bye\r\n");
                    return;
                }
                default -> write(out, "-ERR not understood\r\n");
            }
        }
    }

    /** LIST of the whole maildrop. */
    private void list(OutputStream out) throws IOException {
        StringBuilder list = new StringBuilder("+OK\r\n");
        for (int n = 1; n <= messages.size(); n++) {
            list.append(n).append(' ').append(messages.get(n - 1).length).append("\r\n");
        }
        write(out, list.append(".\r\n").toString());
    }

    private void listUidls(OutputStream out) throws IOException {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        list.writeBytes("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int n = 1; n <= messages.size(); n++) {
            byte[] uidl = uidl(n);
            if (uidl != null) {
                list.writeBytes(line((n + " ").getBytes(StandardCharsets.US_ASCII), uidl));
            }
        }
        if (strayListingLine != null) {
            list.writeBytes((strayListingLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        list.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(list.toByteArray());
    }

    /** Message {@code number}'s UIDL; null when it has none. */
    private byte[] uidl(int number) {
        List<byte[]> scripted = uidls;
        if (scripted == null) {
            return ("uidl-" + number).getBytes(StandardCharsets.US_ASCII);
        }
        return number <= scripted.size() ? scripted.get(number - 1) : null;
    }

    private static byte[] line(byte[] start, byte[] rest) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(start);
        line.writeBytes(rest);
        line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return line.toByteArray();
    }
}
