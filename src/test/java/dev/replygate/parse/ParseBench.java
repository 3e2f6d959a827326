package dev.replygate.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Not a test: parses every file under a folder (the bench's gen-messages.py output) for some
 * rounds and prints the CPU time of this thread per round, and a digest of what it parsed. {@code ParseBench DIR ROUNDS}.
 */
public final class ParseBench {

    private ParseBench() {
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> messages = messagesIn(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        MailParser parser = new MailParser();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long parts = 0;
        long digest = 0;
        for (int round = 1; round <= rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (byte[] message : messages) {
                try {
                    ParsedMail mail = parser.parse(new ByteArrayInputStream(message));
                    parts += mail.parts().size();
                    digest = 31 * digest + mail.hashCode();
                } catch (UnparseableMailException e) {
                    digest = 31 * digest + String.valueOf(e.getMessage()).hashCode();
                }
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            System.out.printf("round %d: %d messages, %.1f ms CPU%n", round, messages.size(), cpu / 1e6);
        }
        // equal between two builds when they parse every message to equal results
        System.out.println("parts " + parts + ", digest of the results " + Long.toHexString(digest));
    }

    /** The bytes of every file under {@code folder}, in the order of their paths: the same order in every run. */
    public static List<byte[]> messagesIn(Path folder) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                messages.add(Files.readAllBytes(file));
            }
        }
        return messages;
    }
}
