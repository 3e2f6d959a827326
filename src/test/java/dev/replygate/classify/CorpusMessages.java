package dev.replygate.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The messages of a corpus folder: single-message files and mbox files split into messages. */
public final class CorpusMessages {

    /** One message: where it came from ({@code file} or {@code file#n} for the n-th of an mbox) and its bytes. */
    public record Message(String name, byte[] bytes) {
    }

    private static final Set<String> NOT_MESSAGES = Set.of("LICENSE", "LICENSE.txt", "NOTICE", "NOTICE.txt",
            "README.md", "labels.tsv");

    private CorpusMessages() {
    }

    /**
     * Every message under {@code folder}: a file is one message, a file under {@code mailbox/} an mbox of many;
     * licences, read-mes and label lists are not messages.
     */
    public static List<Message> messages(Path folder) {
        List<Message> out = new ArrayList<>();
        for (Path file : files(folder)) {
            String name = folder.relativize(file).toString().replace('\\', '/');
            if (NOT_MESSAGES.contains(file.getFileName().toString())) {
                continue;
            }
            byte[] bytes = read(file);
            if (name.startsWith("mailbox/")) {
                out.addAll(mbox(name, bytes));
            } else {
                out.add(new Message(name, bytes));
            }
        }
        return out;
    }

    /** Every regular file under {@code folder} (sorted), as relative names. */
    public static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The messages of an mbox file: each starts at a line beginning {@code From } (the first line or one
     * after a blank line), which is dropped; {@code >From } is unquoted. A file without such line is one
     * message unless it is blank.
     */
    public static List<Message> mbox(String name, byte[] bytes) {
        String text = new String(normaliseLineEnds(bytes), StandardCharsets.ISO_8859_1);
        List<Message> out = new ArrayList<>();
        StringBuilder current = null;
        boolean previousBlank = true;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("From ") && previousBlank) {
                add(out, name, current);
                current = new StringBuilder();
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(line.startsWith(">From ") ? line.substring(1) : line).append('\n');
            }
            previousBlank = line.isEmpty();
        }
        add(out, name, current);
        return out;
    }

    private static void add(List<Message> out, String name, StringBuilder message) {
        if (message != null && !message.toString().isBlank()) {
            out.add(new Message(name + "#" + (out.size() + 1), message.toString().getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    // The sisimai corpus has files with CR-only line ends (maildir/mac); Angus does not split those.
    public static byte[] normaliseLineEnds(byte[] raw) {
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out[n++] = '\n';
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
