package dev.replygate.mailbox;

import dev.replygate.testsupport.ScriptedServer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only IMAP server on 127.0.0.1 that serves fixed messages and misbehaves as real servers do: it can
 * claim an RFC822.SIZE other than a message's real size (Exchange's is an estimate), and answer a FETCH of
 * several messages with {@code NO} after leaving some of them out (Gmail's "Some messages could not be
 * FETCHed", Dovecot's {@code NO [EXPUNGEISSUED]}). It records, for each FETCH of message bodies, the UIDs
 * asked for and the bytes of body it sent back. Only what Angus Mail sends to read a folder is understood.
 */
final class ScriptedImapServer extends ScriptedServer {

    /** A message: its UID, its bytes, and the RFC822.SIZE the server claims for it. */
    record StubMessage(long uid, byte[] bytes, long claimedSize) {
    }

    /** A FETCH of bodies as the server saw it: the UIDs asked for and the body bytes it sent. */
    record BodyFetch(boolean byUid, Set<Long> uids, long bytesSent) {
    }

    private static final Pattern PARTIAL = Pattern.compile("BODY\\.PEEK\\[\\]<(\\d+)\\.(\\d+)>");
    private static final int MAX_LINE = 8192;

    private final List<StubMessage> messages;
    private final Set<Long> refusedInGroups;
    private final Set<Long> refusedAlways = ConcurrentHashMap.newKeySet();
    private final Set<Long> cut = ConcurrentHashMap.newKeySet();
    private final Set<Long> refusedBeyondStart = ConcurrentHashMap.newKeySet();
    private final Set<Long> refusedPastEnd = ConcurrentHashMap.newKeySet();
    private final Set<Long> gone = ConcurrentHashMap.newKeySet();
    private final Set<Long> leftOutOfSearch = ConcurrentHashMap.newKeySet();
    private volatile String searchAnswer;
    private volatile String selectKeeps;
    private final List<BodyFetch> bodyFetches = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    /**
     * {@code refusedInGroups}: left out, and the command answered NO, when asked for with other messages;
     * {@code refusedAlways}: left out, and NO, however asked for.
     */
    ScriptedImapServer(List<StubMessage> messages, Set<Long> refusedInGroups, Set<Long> refusedAlways)
            throws IOException {
        super("scripted-imap", Duration.ofSeconds(30));
        this.messages = List.copyOf(messages);
        this.refusedInGroups = Set.copyOf(refusedInGroups);
        this.refusedAlways.addAll(refusedAlways);
        start();
    }

    /** From now on, UID SEARCH is answered with {@code numbers} ({@code * SEARCH numbers}); null: as it should be. */
    void answerSearchWith(String numbers) {
        searchAnswer = numbers;
    }

    /**
     * From now on, SELECT opens the folder read-write and announces {@code PERMANENTFLAGS (flags)}, as a server
     * that keeps only those does; EXAMINE stays read-only. Until then SELECT is answered as EXAMINE is
     * ({@code [READ-ONLY]}, {@code PERMANENTFLAGS ()}), as for a login that may only read the folder.
     */
    void selectReadWriteKeeping(String flags) {
        selectKeeps = flags;
    }

    /** From now on, UID SEARCH leaves out the message of {@code uid}, which FETCH still shows. */
    void searchLeavesOut(long uid) {
        leftOutOfSearch.add(uid);
    }

    /** From now on, the message of {@code uid} is served, however asked for. */
    void serveAgain(long uid) {
        refusedAlways.remove(uid);
        cut.remove(uid);
        refusedBeyondStart.remove(uid);
    }

    /**
     * From now on, a body of the message of {@code uid} is refused as Dovecot refuses one another client expunged
     * ({@code NO [EXPUNGEISSUED]}), though no EXPUNGE is ever sent for it.
     */
    void expungedElsewhere(long uid) {
        gone.add(uid);
    }

    /** From now on, a body of the message of {@code uid} asked for from anywhere but its start is refused (NO). */
    void refuseBeyondStart(long uid) {
        refusedBeyondStart.add(uid);
    }

    /**
     * From now on, a body of the message of {@code uid} asked for from beyond its end is refused (NO), where RFC 3501
     * asks for an empty string.
     */
    void refusePastEnd(long uid) {
        refusedPastEnd.add(uid);
    }

    /**
     * From now on, a body of the message of {@code uid} asked for from its start is sent cut at half what was
     * asked, as if that were its end (a server or proxy that ends a literal early); from elsewhere, whole.
     */
    void cutFromStart(long uid) {
        cut.add(uid);
    }

    List<BodyFetch> bodyFetches() {
        return List.copyOf(bodyFetches);
    }

    /** The commands received so far, in order, without tags and arguments ({@code UID FETCH} with its second word). */
    List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    protected void converse(Socket socket) throws IOException {
        converse(new BufferedInputStream(socket.getInputStream()), socket.getOutputStream());
    }

    private void converse(InputStream in, OutputStream out) throws IOException {
        write(out, "* OK [CAPABILITY IMAP4rev1] scripted server ready\r\n");
        for (String line; (line = readLine(in)) != null; ) {
            String[] words = line.split(" ", 3);
            if (words.length < 2) {
                write(out, "* BAD no command\r\n");
                continue;
            }
            String tag = words[0];
            String command = words[1].toUpperCase(Locale.ROOT);
            String rest = words.length > 2 ? words[2] : "";
            commands.add(command.equals("UID") ? "UID " + rest.split(" ", 2)[0].toUpperCase(Locale.ROOT) : command);
            switch (command) {
                case "CAPABILITY" -> write(out, "* CAPABILITY IMAP4rev1\r\n" + tag + " OK done\r\n");
                case "LOGIN", "NOOP", "CLOSE", "UNSELECT" -> write(out, tag + " OK done\r\n");
                case "LIST" -> write(out, "* LIST (\\HasNoChildren) \"/\" INBOX\r\n" + tag + " OK done\r\n");
                case "SELECT", "EXAMINE" -> {
                    String keeps = command.equals("SELECT") ? selectKeeps : null;
                    write(out, "* " + messages.size() + " EXISTS\r\n* 0 RECENT\r\n"
                            + "* FLAGS (\\Seen)\r\n* OK [PERMANENTFLAGS (" + (keeps == null ? "" : keeps)
                            + ")] kept\r\n* OK [UIDVALIDITY 7] uids\r\n"
                            + "* OK [UIDNEXT " + (messages.get(messages.size() - 1).uid() + 1) + "] next\r\n"
                            + tag + (keeps == null ? " OK [READ-ONLY] done\r\n" : " OK [READ-WRITE] done\r\n"));
                }
                case "LOGOUT" -> {
                    write(out, "* BYE bye\r\n" + tag + " OK done\r\n");
                    return;
                }
                case "FETCH" -> fetch(out, tag, false, rest);
                case "UID" -> {
                    String[] sub = rest.split(" ", 2);
                    if (sub[0].equalsIgnoreCase("FETCH") && sub.length == 2) {
                        fetch(out, tag, true, sub[1]);
                    } else if (sub[0].equalsIgnoreCase("SEARCH") && sub.length == 2
                            && sub[1].toUpperCase(Locale.ROOT).startsWith("UID ")) {
                        search(out, tag, sub[1].substring("UID ".length()));
                    } else {
                        write(out, tag + " BAD not understood\r\n");
                    }
                }
                default -> write(out, tag + " BAD not understood\r\n");
            }
        }
    }

    private void fetch(OutputStream out, String tag, boolean byUid, String arguments) throws IOException {
        String[] parts = arguments.split(" ", 2);
        String items = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
        Set<Integer> numbers = selected(parts[0], byUid);
        Matcher partial = PARTIAL.matcher(items);
        boolean body = items.contains("BODY.PEEK[]");
        boolean refused = false;
        boolean expunged = false;
        long sent = 0;
        Set<Long> uids = new TreeSet<>();
        for (int number : numbers) {
            StubMessage message = messages.get(number - 1);
            uids.add(message.uid());
            long askedFrom = partial.find(0) ? Long.parseLong(partial.group(1)) : 0;
            if (body && gone.contains(message.uid())) {
                expunged = true;
                continue;
            }
            if (body && (refusedAlways.contains(message.uid())
                    || askedFrom > 0 && refusedBeyondStart.contains(message.uid())
                    || askedFrom >= message.bytes().length && refusedPastEnd.contains(message.uid())
                    || numbers.size() > 1 && refusedInGroups.contains(message.uid()))) {
                refused = true;
                continue;
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            List<String> fields = new ArrayList<>();
            if (byUid || items.contains("UID")) {
                fields.add("UID " + message.uid());
            }
            if (items.contains("RFC822.SIZE")) {
                fields.add("RFC822.SIZE " + message.claimedSize());
            }
            if (items.contains("FLAGS")) {
                fields.add("FLAGS ()");
            }
            response.writeBytes(("* " + number + " FETCH (" + String.join(" ", fields)).getBytes(StandardCharsets.US_ASCII));
            if (body) {
                int from = 0;
                int to = message.bytes().length;
                String name = "BODY[]";
                if (partial.find(0)) {
                    from = (int) Math.min(Long.parseLong(partial.group(1)), to);
                    to = (int) Math.min((long) from + Long.parseLong(partial.group(2)), to);
                    name = "BODY[]<" + from + ">";
                }
                if (from == 0 && cut.contains(message.uid())) {
                    to /= 2;
                }
                response.writeBytes(((fields.isEmpty() ? "" : " ") + name + " {" + (to - from) + "}\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                response.write(message.bytes(), from, to - from);
                sent += to - from;
            }
            response.writeBytes(")\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(response.toByteArray());
        }
        if (body) {
            bodyFetches.add(new BodyFetch(byUid, uids, sent));
        }
        write(out, tag + (expunged ? " NO [EXPUNGEISSUED] Some of the requested messages no longer exist\r\n"
                : refused ? " NO Some messages could not be FETCHed (Failure)\r\n" : " OK done\r\n"));
    }

    /** UID SEARCH UID {@code set}: the UIDs of the messages that {@code set} names. */
    private void search(OutputStream out, String tag, String set) throws IOException {
        StringBuilder found = new StringBuilder("* SEARCH");
        if (searchAnswer != null) {
            found.append(' ').append(searchAnswer);
        } else {
            for (int number : selected(set, true)) {
                long uid = messages.get(number - 1).uid();
                if (!leftOutOfSearch.contains(uid)) {
                    found.append(' ').append(uid);
                }
            }
        }
        write(out, found + "\r\n" + tag + " OK done\r\n");
    }

    /** The message numbers that {@code set} names, as UIDs or as message numbers. */
    private Set<Integer> selected(String set, boolean byUid) {
        Set<Integer> numbers = new TreeSet<>();
        long highest = byUid ? messages.get(messages.size() - 1).uid() : messages.size();
        for (String range : set.split(",")) {
            String[] ends = range.split(":");
            long low = end(ends[0], highest);
            long high = ends.length > 1 ? end(ends[1], highest) : low;
            for (int n = 1; n <= messages.size(); n++) {
                long key = byUid ? messages.get(n - 1).uid() : n;
                if (key >= Math.min(low, high) && key <= Math.max(low, high)) {
                    numbers.add(n);
                }
            }
        }
        return numbers;
    }

    private static long end(String value, long highest) {
        return value.equals("*") ? highest : Long.parseLong(value);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("command line too long");
            }
            line.write(b);
        }
        return null;
    }
}
