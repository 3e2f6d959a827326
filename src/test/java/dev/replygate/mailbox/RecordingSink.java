package dev.replygate.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test implementation of the inbound stage's contract: reads each message whole from its
 * stream, decides by subject ({@code [ignore]}, {@code [quarantine]}, else redirected), records
 * per key and per SHA-256 (a second call returns the recorded disposition and has no effect), and
 * can be told to fail.
 */
final class RecordingSink implements MessageSink {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]*>)");
    private static final Pattern SUBJECT = Pattern.compile("(?im)^Subject:\\s*(.*)$");

    /** One call of {@link #accept}. */
    record Call(String key, String messageId, boolean shadow, long size, int bytesRead) {
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Disposition> byKey = new ConcurrentHashMap<>();
    private final Map<String, Disposition> byContent = new ConcurrentHashMap<>();
    private final List<String> effects = new ArrayList<>();
    private Predicate<String> failBefore = messageId -> false;
    private Predicate<String> deferBefore = messageId -> false;
    private Predicate<String> crashAfter = messageId -> false;

    /** Throws, before recording, for the messages whose Message-ID matches. */
    RecordingSink failingOn(Predicate<String> messageIds) {
        this.failBefore = messageIds;
        return this;
    }

    /** Defers, before recording, the messages whose Message-ID matches: they set off a bug. */
    RecordingSink deferring(Predicate<String> messageIds) {
        this.deferBefore = messageIds;
        return this;
    }

    /** Records, then throws, for the messages whose Message-ID matches: a crash after the commit. */
    RecordingSink crashingAfterRecording(Predicate<String> messageIds) {
        this.crashAfter = messageIds;
        return this;
    }

    RecordingSink healed() {
        failBefore = messageId -> false;
        deferBefore = messageId -> false;
        crashAfter = messageId -> false;
        return this;
    }

    @Override
    public synchronized Disposition accept(IncomingMessage message) throws IOException, MessageDeferred {
        byte[] raw = readAll(message);
        String text = new String(raw, StandardCharsets.UTF_8);
        String messageId = find(MESSAGE_ID, text);
        calls.add(new Call(message.key(), messageId, message.shadow(), message.size(), raw.length));
        if (failBefore.test(messageId)) {
            throw new IOException("the store is down (test) for " + messageId);
        }
        if (deferBefore.test(messageId)) {
            throw new MessageDeferred("a bug (test) in " + messageId, new IllegalStateException("test"));
        }
        Disposition recorded = byKey.get(message.key());
        if (recorded == null) {
            String sha256 = sha256(raw);
            recorded = byContent.get(sha256);
            if (recorded == null) {
                recorded = decide(find(SUBJECT, text));
                byContent.put(sha256, recorded);
                effects.add(messageId);
            }
            byKey.put(message.key(), recorded);
            if (crashAfter.test(messageId)) {
                throw new IOException("crash after the commit (test) for " + messageId);
            }
        }
        return recorded;
    }

    /** Message-IDs given, in order, one per call (repeats included). */
    synchronized List<String> given() {
        return calls.stream().map(Call::messageId).toList();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Message-IDs that had an effect (a first recording), each once by construction. */
    synchronized List<String> effects() {
        return List.copyOf(effects);
    }

    private static Disposition decide(String subject) {
        if (subject.contains("[ignore]")) {
            return Disposition.IGNORED;
        }
        return subject.contains("[quarantine]") ? Disposition.QUARANTINED : Disposition.REDIRECTED;
    }

    private static byte[] readAll(IncomingMessage message) throws IOException {
        try (InputStream in = message.openRaw()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1).strip() : "";
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
