package dev.replygate.store;

import dev.replygate.testsupport.StoreConfigs;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The daemon's write pattern until it is killed: several threads, each on a connection of the store's
 * pool, queue an outbox row, claim it ({@code sending}) and mark it {@code sent}, each step a
 * transaction of its own, and report each commit (after it returned) on a line of the file given:
 * {@code queued <message-id>} or {@code sent <message-id>}.
 * Arguments: the JDBC URL, the report file, a prefix for the Message-IDs, how many threads.
 */
public final class CommitUntilKilledProcess {

    private CommitUntilKilledProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[2];
        int threads = Integer.parseInt(args[3]);
        try (FileOutputStream report = new FileOutputStream(args[1], true)) {
            Store store = Store.open(StoreConfigs.h2(url));
            for (int t = 0; t < threads; t++) {
                String threadPrefix = prefix + "-t" + t + "-";
                Thread writer = new Thread(() -> writeUntilKilled(store, report, threadPrefix), "writer-" + t);
                writer.start();
            }
            Thread.sleep(Long.MAX_VALUE); // until killed
        }
    }

    private static void writeUntilKilled(Store store, FileOutputStream report, String prefix) {
        for (long n = 0; ; n++) {
            String messageId = prefix + n + "@replygate.test";
            store.inTransaction(c -> TestRows.insertOutbox(c, null, messageId));
            report(report, "queued " + messageId);
            store.inTransaction(c -> setState(c, messageId, "sending"));
            store.inTransaction(c -> setState(c, messageId, "sent"));
            report(report, "sent " + messageId);
        }
    }

    private static int setState(Connection connection, String messageId, String state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox SET state = ? WHERE message_id = ?")) {
            update.setString(1, state);
            update.setString(2, messageId);
            return update.executeUpdate();
        }
    }

    /** One write(2) a line: what reached it is in the file when the process is killed. */
    private static void report(FileOutputStream report, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (report) {
            try {
                report.write(bytes);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
